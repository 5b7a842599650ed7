package dev.strangler.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real legacy monolith ({@code legacy-monolith/target/legacy-monolith.jar}, else the installed artifact) as a
 * child JVM on the test lab's PostgreSQL and fake PSP. One instance per test JVM, stopped at JVM exit; extra
 * instances (e.g. in {@code remote} payment mode) are started with {@link #start}.
 */
public final class Monolith implements AutoCloseable {

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
        return start(name, Ports.freePort(), extraArgs);
    }

    /** On a port chosen beforehand: a service started first needs the monolith's address for order totals. */
    public static Monolith start(String name, int port, List<String> extraArgs) {
        return start(name, port, TestLab.freshDatabase(TestLab.legacyPostgres(), "shop"), extraArgs);
    }

    /**
     * A second monolith on {@code databaseUrl}, e.g. the shared one's: its orders are then the ones the service's
     * order lookup (pointed at the shared monolith) finds.
     */
    public static Monolith startOn(String name, String databaseUrl, List<String> extraArgs) {
        return start(name, Ports.freePort(), databaseUrl, extraArgs);
    }

    private static Monolith start(String name, int port, String databaseUrl, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl,
                "--shop.psp.base-url=" + TestLab.psp().baseUrl(),
                "--shop.psp.read-timeout=1s",
                "--shop.seed.orders-on-empty=20"));
        args.addAll(extraArgs);
        Path log = Path.of("target", "test-logs", name + "-" + port + ".log");
        Process process = JvmCommand.jar(JvmCommand.markerFor("test-" + name),
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
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
