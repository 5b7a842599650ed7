package dev.strangler.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real legacy monolith ({@code legacy-monolith/target/legacy-monolith.jar}, else the installed artifact) as a
 * child JVM on the test lab's PostgreSQL and fake PSP, seeded with 20 orders (10 customers, 200 products). One
 * instance per test JVM, stopped at JVM exit: the reference of the contract, and the shop the service asks for
 * orders and payments.
 */
public final class Monolith {

    private static Monolith shared;

    private final Process process;
    private final Api api;
    private final String databaseUrl;
    private final AtomicInteger nextProduct = new AtomicInteger();

    private Monolith(Process process, int port, String databaseUrl) {
        this.process = process;
        this.databaseUrl = databaseUrl;
        this.api = new Api("http://127.0.0.1:" + port);
    }

    /** The shared monolith, started on first use. */
    public static synchronized Monolith shared() {
        if (shared == null) {
            shared = start();
            Monolith m = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(m::close));
        }
        return shared;
    }

    private static Monolith start() {
        int port = Ports.freePort();
        String databaseUrl = TestLab.freshDatabase(TestLab.legacyPostgres(), "shop");
        List<String> args = List.of("--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl,
                "--shop.psp.base-url=" + TestLab.psp().baseUrl(),
                "--shop.seed.orders-on-empty=20");
        Path log = Path.of("target", "test-logs", "monolith-" + port + ".log");
        Process process = JvmCommand.jar(JvmCommand.markerFor("test-monolith"),
                        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar(), args,
                        Path.of("").toAbsolutePath())
                .start(log, false);
        Monolith monolith = new Monolith(process, port, databaseUrl);
        await("monolith readiness").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive()).as("monolith exited; see " + log).isTrue();
                    try {
                        return monolith.api.get("/actuator/health/readiness").status() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
        return monolith;
    }

    static Path jar() {
        Path built = Path.of("..", "..", "legacy-monolith", "target", "legacy-monolith.jar");
        if (Files.isRegularFile(built)) {
            return built.toAbsolutePath().normalize();
        }
        Path installed = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "strangler",
                "legacy-monolith", "0.1.0-SNAPSHOT", "legacy-monolith-0.1.0-SNAPSHOT.jar");
        assertThat(installed).as("build legacy-monolith first").isRegularFile();
        return installed;
    }

    public Api api() {
        return api;
    }

    /** The JDBC URL of its shop database. */
    public String databaseUrl() {
        return databaseUrl;
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

    private void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
