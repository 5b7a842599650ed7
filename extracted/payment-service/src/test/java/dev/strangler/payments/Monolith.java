package dev.strangler.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.MonolithProcess;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real legacy monolith (see {@link MonolithProcess}) with this module's {@link Api}. One instance per test JVM,
 * stopped at JVM exit; extra instances (e.g. in {@code remote} payment mode) are started with {@link #start}.
 */
public final class Monolith implements AutoCloseable {

    private static Monolith shared;

    private final MonolithProcess process;
    private final Api api;
    private final AtomicInteger nextProduct = new AtomicInteger();

    private Monolith(MonolithProcess process) {
        this.process = process;
        this.api = new Api(process.baseUrl());
    }

    /** The shared in-process monolith, started on first use. */
    public static synchronized Monolith shared() {
        if (shared == null) {
            shared = start("monolith", List.of());
            Monolith m = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(m::close));
        }
        return shared;
    }

    public static Monolith start(String name, List<String> extraArgs) {
        return new Monolith(MonolithProcess.start(name, extraArgs));
    }

    /** On a port chosen beforehand: a service started first needs the monolith's address for order totals. */
    public static Monolith start(String name, int port, List<String> extraArgs) {
        return new Monolith(MonolithProcess.start(name, port, TestLab.freshDatabase(TestLab.legacyPostgres(), "shop"),
                extraArgs));
    }

    /**
     * A second monolith on {@code databaseUrl}, e.g. the shared one's: its orders are then the ones the service's
     * order lookup (pointed at the shared monolith) finds.
     */
    public static Monolith startOn(String name, String databaseUrl, List<String> extraArgs) {
        return new Monolith(MonolithProcess.start(name, Ports.freePort(), databaseUrl, extraArgs));
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

    /** A new order of one seeded product, awaiting payment; returns its id. */
    public long newOrder() {
        long product = 1 + nextProduct.getAndIncrement() % 200;
        Api.Reply reply = api.post("/api/orders", "{\"customerId\":1,\"items\":[{\"productId\":" + product
                + ",\"quantity\":1}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    /** The order as the monolith shows it. */
    public Api.Reply order(long orderId) {
        return api.get("/api/orders/" + orderId);
    }

    @Override
    public void close() {
        process.close();
    }
}
