package dev.strangler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.MonolithProcess;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real legacy monolith (see {@link MonolithProcess}) with this module's {@link Api}, seeded with 20 orders (10
 * customers, 200 products). One instance per test JVM, stopped at JVM exit: the reference of the contract, and the
 * shop the service asks for orders and payments.
 */
public final class Monolith {

    private static Monolith shared;

    private final MonolithProcess process;
    private final Api api;
    private final AtomicInteger nextProduct = new AtomicInteger();

    private Monolith(MonolithProcess process) {
        this.process = process;
        this.api = new Api(process.baseUrl());
    }

    /** The shared monolith, started on first use. */
    public static synchronized Monolith shared() {
        if (shared == null) {
            shared = new Monolith(MonolithProcess.start("monolith", List.of()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::close));
        }
        return shared;
    }

    public Api api() {
        return api;
    }

    /** The JDBC URL of its shop database. */
    public String databaseUrl() {
        return process.databaseUrl();
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    /** A checkout of one seeded product by {@code customerId}, paid with {@code cardNumber}; returns the order id. */
    public long paidOrder(long customerId, String cardNumber) {
        long product = 1 + nextProduct.getAndIncrement() % 200;
        Api.Reply reply = api.post("/api/orders", "{\"customerId\":" + customerId + ",\"items\":[{\"productId\":"
                + product + ",\"quantity\":1}],\"cardNumber\":\"" + cardNumber + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }
}
