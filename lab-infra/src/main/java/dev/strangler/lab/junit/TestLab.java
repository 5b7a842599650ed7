package dev.strangler.lab.junit;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.psp.FakePsp;
import dev.strangler.lab.psp.FakePspSettings;
import dev.strangler.lab.registry.SchemaRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real lab components for tests, each started lazily once per test JVM on free ports and stopped when the JVM
 * exits. Data lives under {@code target/test-lab/} of the module and starts empty in every test JVM.
 *
 * <p>Use it directly (e.g. from Spring's {@code @DynamicPropertySource}) or through {@link LabExtension}.
 */
public final class TestLab {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static PostgresServer legacy;
    private static PostgresServer payments;
    private static KafkaBroker kafka;
    private static SchemaRegistry registry;
    private static FakePsp psp;

    private TestLab() {
    }

    /** Working directory of this test JVM's lab, {@code target/test-lab} unless {@code -Dstrangler.test-lab} is set. */
    public static Path directory() {
        return Path.of(System.getProperty("strangler.test-lab", "target/test-lab")).toAbsolutePath();
    }

    /** The monolith's PostgreSQL server. */
    public static synchronized PostgresServer legacyPostgres() {
        if (legacy == null) {
            legacy = startPostgres("legacy");
        }
        return legacy;
    }

    /** The payment service's PostgreSQL server. */
    public static synchronized PostgresServer paymentsPostgres() {
        if (payments == null) {
            payments = startPostgres("payments");
        }
        return payments;
    }

    private static PostgresServer startPostgres(String name) {
        Path data = directory().resolve("pg-" + name);
        // a crashed earlier test JVM may have left its postmaster on this directory: stop it, then start clean
        PostgresServer.stop(data, java.time.Duration.ofSeconds(30));
        FileTrees.deleteRecursively(data);
        return PostgresServer.start(PostgresSettings.of(name, Ports.freePort(), data, LabPaths.postgresBinaries())
                .withLogFile(directory().resolve("pg-" + name + ".log")), PostgresServer.Mode.ATTACHED);
    }

    /** A new, empty database on {@code server}, so that test classes do not see each other's rows; returns its JDBC URL. */
    public static String freshDatabase(PostgresServer server, String prefix) {
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase(java.util.Locale.ROOT);
        server.createDatabase(name);
        return server.jdbcUrl(name);
    }

    /** The Kafka broker (KRaft, in this JVM). */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            Path data = directory().resolve("kafka");
            FileTrees.deleteRecursively(data);
            KafkaBroker broker = KafkaBroker.start(data, Ports.freePort(), Ports.freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
            kafka = broker;
        }
        return kafka;
    }

    /** The schema registry (a child JVM, in-memory storage, BACKWARD compatibility). */
    public static synchronized SchemaRegistry schemaRegistry() {
        if (registry == null) {
            registry = SchemaRegistry.startAttached(Ports.freePort(), Ports.freePort(),
                    directory().resolve("schema-registry.log"));
        }
        return registry;
    }

    /** The fake payment gateway, with no added latency. */
    public static synchronized FakePsp psp() {
        if (psp == null) {
            FakePsp started = FakePsp.start(FakePspSettings.fast(0));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-psp-stop"));
            psp = started;
        }
        return psp;
    }
}
