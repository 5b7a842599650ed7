package dev.strangler.legacy.catalog.internal;

import static dev.strangler.legacy.db.Tables.INVENTORY;
import static dev.strangler.legacy.db.Tables.PRODUCTS;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.catalog.Product;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Products joined with their stock. */
@Repository
public class JooqProducts {

    private final DSLContext db;

    JooqProducts(DSLContext db) {
        this.db = db;
    }

    public List<Product> page(int offset, int limit) {
        return select().orderBy(PRODUCTS.ID).offset(offset).limit(limit).fetch(JooqProducts::toProduct);
    }

    public long count() {
        return db.fetchCount(PRODUCTS);
    }

    public Optional<Product> find(long id) {
        return select().where(PRODUCTS.ID.eq(id)).fetchOptional(JooqProducts::toProduct);
    }

    private SelectOnConditionStep<Record6<Long, String, String, java.math.BigDecimal, String, Integer>> select() {
        return db.select(PRODUCTS.ID, PRODUCTS.SKU, PRODUCTS.NAME, PRODUCTS.PRICE, PRODUCTS.CURRENCY,
                        DSL.coalesce(INVENTORY.STOCK, 0))
                .from(PRODUCTS).leftJoin(INVENTORY).on(INVENTORY.PRODUCT_ID.eq(PRODUCTS.ID));
    }

    private static Product toProduct(Record6<Long, String, String, java.math.BigDecimal, String, Integer> r) {
        return new Product(r.value1(), r.value2(), r.value3(), Money.format(r.value4()), r.value5(), r.value6());
    }
}
