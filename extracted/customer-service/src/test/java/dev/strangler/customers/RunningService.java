package dev.strangler.customers;

import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole service on a random port, on a fresh database of its own PostgreSQL server. Subclasses name the shop it
 * asks, in a {@code @DynamicPropertySource} of their own that calls {@link #lab}; one Spring context per shop.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RunningService {

    @LocalServerPort
    protected int port;

    protected Api api;

    /** A fresh database (made once per Spring context) and the shop at {@code shopBaseUrl}. */
    static void lab(DynamicPropertyRegistry registry, Supplier<Object> shopBaseUrl) {
        String database = CustomersPostgres.freshDatabase();
        registry.add("spring.datasource.url", () -> database);
        registry.add("customers.shop.base-url", shopBaseUrl);
    }

    @BeforeEach
    void wireApi() {
        api = new Api("http://127.0.0.1:" + port);
    }
}
