package dev.strangler.legacy.catalog;

import dev.strangler.legacy.PageResponse;
import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.catalog.internal.JooqProducts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the catalog. */
@Service
public class Catalog {

    private final JooqProducts products;

    Catalog(JooqProducts products) {
        this.products = products;
    }

    @Transactional(readOnly = true)
    public PageResponse<Product> page(int page, int size) {
        return PageResponse.of(products.page(page * size, size), page, size, products.count());
    }

    @Transactional(readOnly = true)
    public Product get(long id) {
        return products.find(id).orElseThrow(() -> ShopProblem.notFound("product"));
    }
}
