package dev.strangler.playbook.lab;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.kafka.KafkaBrokerMain;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.psp.FakePspMain;
import dev.strangler.lab.registry.SchemaRegistry;
import dev.strangler.lab.zipkin.ZipkinServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry of lab components, in the order the status table lists them. To add a service to the lab, add one
 * entry here: name, command, port, health check, dependencies.
 */
public final class LabComponents {

    /** Memory flags for the small JVMs the lab runs (the broker, the fake gateway). */
    static final List<String> SMALL_JVM = List.of("-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-XX:ReservedCodeCacheSize=48m");

    /**
     * The Spring applications' lab profile: the addresses and secrets of this machine's lab (application-lab.properties
     * in each), which no other deployment gets by default.
     */
    static final String LAB_PROFILE = "--spring.profiles.active=lab";

    private LabComponents() {
    }

    public static List<LabComponent> standard(LabLayout layout, LabPorts ports) {
        List<LabComponent> components = new ArrayList<>();
        components.add(postgres(layout, "legacy-db", "PostgreSQL of the monolith (database shop)", ports.legacyDb(), "shop"));
        components.add(postgres(layout, "payments-db", "PostgreSQL of the payment service (database payments)", ports.paymentsDb(), "payments"));
        components.add(postgres(layout, "customers-db", "PostgreSQL of the customer service (database customers)", ports.customersDb(), "customers"));
        components.add(kafka(layout, ports));
        components.add(schemaRegistry(layout, ports));
        components.add(zipkin(layout, ports));
        components.add(paymentGateway(layout, ports));
        components.add(legacyMonolith(layout, ports));
        components.add(paymentService(layout, ports));
        components.add(customerService(layout, ports));
        components.add(cdcBridge(layout, ports));
        components.add(stranglerProxy(layout, ports));
        if (PrometheusSetup.enabled(layout)) {
            PrometheusSetup.executable().ifPresent(exe -> components.add(PrometheusSetup.component(layout, ports, exe)));
        }
        return List.copyOf(components);
    }

    private static LabComponent postgres(LabLayout layout, String name, String description, int port, String database) {
        PostgresSettings settings = PostgresSettings.of(name, port, layout.data(name), LabPaths.postgresBinaries())
                .withLogFile(layout.log(name));
        return new LabComponent(name, description, port, List.of(), "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres",
                List.of(), new PostgresLauncher(settings), () -> PostgresServer.isHealthy(port), Duration.ofSeconds(60),
                () -> PostgresServer.createDatabase(port, database));
    }

    private static LabComponent kafka(LabLayout layout, LabPorts ports) {
        String name = "kafka";
        JvmCommand command = JvmCommand.mainClass(JvmCommand.markerFor(name), jvmFlags(layout, "-Xmx256m"), KafkaBrokerMain.class,
                List.of(Integer.toString(ports.kafka()), Integer.toString(ports.kafkaController()), layout.data(name).toString()));
        return new LabComponent(name, "Kafka broker (KRaft, single node)", ports.kafka(), List.of(ports.kafkaController()),
                KafkaBroker.bootstrapServers(ports.kafka()), List.of(),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                // a cold admin client in a busy machine needs a few seconds for its first metadata round trip
                () -> KafkaBroker.isHealthy(ports.kafka(), Duration.ofSeconds(6)), Duration.ofSeconds(90),
                LabComponent.AfterStart.NOTHING);
    }

    private static LabComponent schemaRegistry(LabLayout layout, LabPorts ports) {
        String name = "schema-registry";
        JvmCommand command = SchemaRegistry.command(JvmCommand.markerFor(name), ports.schemaRegistry(),
                ports.schemaRegistryManagement(), Optional.of(layout.data(name).resolve("registry")));
        command = command.withLeadingJvmFlags(List.of(labMarker(layout)));
        int port = ports.schemaRegistry();
        return new LabComponent(name, "Schema registry (Apicurio, Confluent API)", port, List.of(ports.schemaRegistryManagement()),
                SchemaRegistry.confluentApiUrl(port), List.of(),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                () -> SchemaRegistry.isReady(ports.schemaRegistryManagement()), Duration.ofSeconds(120),
                () -> SchemaRegistry.configureBackward(port));
    }

    private static LabComponent zipkin(LabLayout layout, LabPorts ports) {
        String name = "zipkin";
        int port = ports.zipkin();
        JvmCommand command = ZipkinServer.command(JvmCommand.markerFor(name), jvmFlags(layout, "-Xmx256m"), port);
        return new LabComponent(name, "Zipkin: traces of every component (UI at /zipkin/)", port, List.of(),
                ZipkinServer.baseUrl(port) + "/zipkin/", List.of(), PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                () -> ZipkinServer.isHealthy(port), Duration.ofSeconds(120), LabComponent.AfterStart.NOTHING);
    }

    /**
     * What every Spring application of the lab gets to report its spans to the lab's Zipkin (export is off by
     * default, so tests and stand-alone runs never try to reach a collector).
     */
    static List<String> tracing(LabPorts ports) {
        // PROTO3: cheaper than JSON to encode and, for the Zipkin on the same cores, to decode (measured: a quarter less
        // of Zipkin's CPU per span)
        return List.of("--management.tracing.export.zipkin.endpoint=" + ZipkinServer.spansEndpoint(ports.zipkin()),
                "--management.tracing.export.zipkin.enabled=true", "--management.tracing.export.zipkin.encoding=PROTO3");
    }

    /** A Spring application's arguments plus the lab's trace export and log format. */
    private static List<String> withTracing(LabLayout layout, LabPorts ports, List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(tracing(ports));
        all.addAll(LogFormat.of(layout).springArguments());
        return List.copyOf(all);
    }

    private static LabComponent paymentGateway(LabLayout layout, LabPorts ports) {
        String name = "payment-gateway";
        int port = ports.paymentGateway();
        JvmCommand command = JvmCommand.mainClass(JvmCommand.markerFor(name), jvmFlags(layout, "-Xmx128m"), FakePspMain.class,
                List.of(Integer.toString(port), "20", "60"));
        return new LabComponent(name, "Fake payment gateway (WireMock PSP)", port, List.of(), "http://127.0.0.1:" + port,
                List.of(), PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                HealthCheck.http("http://127.0.0.1:" + port + "/__admin/health"), Duration.ofSeconds(60),
                LabComponent.AfterStart.NOTHING);
    }

    /** Orders the monolith seeds on its first start (an empty database). */
    static final int FIRST_START_ORDERS = 10_000;

    private static LabComponent legacyMonolith(LabLayout layout, LabPorts ports) {
        return legacyMonolith(layout, ports, MonolithBuild.Deployment.current(layout),
                layout.pidFile("legacy-monolith"));
    }

    /**
     * The monolith as {@code next} will run it, starting beside the running one: the same component (name, marker,
     * log) on the other port, tracked by a pid file of its own until the redeploy hands the lab over to it
     * ({@link #adoptNextMonolith}). A lab that finds it running on {@code up} or {@code down} stops it as a leftover.
     */
    public static LabComponent nextLegacyMonolith(LabLayout layout, LabPorts ports, MonolithBuild.Deployment next) {
        return legacyMonolith(layout, ports, next, nextMonolithPidFile(layout));
    }

    /** The started {@link #nextLegacyMonolith} becomes the lab's monolith (once the old one is stopped). */
    public static void adoptNextMonolith(LabLayout layout) {
        try {
            java.nio.file.Files.move(nextMonolithPidFile(layout), layout.pidFile("legacy-monolith"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new LabException("cannot hand the lab over to the redeployed monolith: " + e.getMessage());
        }
    }

    private static java.nio.file.Path nextMonolithPidFile(LabLayout layout) {
        return layout.pidFile("legacy-monolith-next");
    }

    private static LabComponent legacyMonolith(LabLayout layout, LabPorts ports, MonolithBuild.Deployment deployment,
            java.nio.file.Path pidFile) {
        String name = "legacy-monolith";
        int port = deployment.port(ports);
        MonolithBuild build = deployment.build();
        JvmCommand command = JvmCommand.jar(JvmCommand.markerFor(name), springJvmFlags(layout), build.jar(layout),
                withOverrides(layout, name, withTracing(layout, ports, List.of("--server.port=" + port, LAB_PROFILE,
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + ports.legacyDb() + "/shop?user=postgres",
                        "--shop.psp.base-url=http://127.0.0.1:" + ports.paymentGateway(),
                        "--shop.payments.remote-base-url=http://127.0.0.1:" + ports.paymentService(),
                        // orders follow the service's payment events (PAID once the service holds the money)
                        "--shop.payment-events.enabled=true",
                        "--strangler.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(ports.kafka()),
                        "--strangler.schema-registry.url="
                                + SchemaRegistry.confluentApiUrl(ports.schemaRegistry()),
                        "--shop.seed.orders-on-empty=" + FIRST_START_ORDERS))),
                layout.root());
        return new LabComponent(name, build.description(), port, List.of(),
                "http://127.0.0.1:" + port + "/",
                List.of("legacy-db", "payment-gateway", "zipkin", "kafka", "schema-registry"),
                PidFileLauncher.jvm(command, pidFile, layout.log(name)),
                // readiness turns UP only after start-up work, including the first seeding, is done
                HealthCheck.http("http://127.0.0.1:" + port + "/actuator/health/readiness"), Duration.ofSeconds(180),
                LabComponent.AfterStart.NOTHING);
    }

    private static LabComponent paymentService(LabLayout layout, LabPorts ports) {
        String name = "payment-service";
        int port = ports.paymentService();
        JvmCommand command = JvmCommand.jar(JvmCommand.markerFor(name), springJvmFlags(layout),
                layout.inRepository("extracted/payment-service/target/payment-service.jar"),
                withTracing(layout, ports, List.of("--server.port=" + port, LAB_PROFILE,
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + ports.paymentsDb() + "/payments?user=postgres",
                        "--payments.psp.base-url=http://127.0.0.1:" + ports.paymentGateway(),
                        // order totals through the strangler facade, like every caller: the proxy holds the
                        // lookup while the monolith restarts (decommission) instead of failing the payment
                        "--payments.orders.base-url=http://127.0.0.1:" + ports.proxy(),
                        "--payments.orders.timeout=40s")),
                layout.root());
        return new LabComponent(name, "The extracted payment service (the PCI scope)", port, List.of(),
                "http://127.0.0.1:" + port + "/api/payments", List.of("payments-db", "payment-gateway", "zipkin"),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                HealthCheck.http("http://127.0.0.1:" + port + "/actuator/health/readiness"), Duration.ofSeconds(180),
                LabComponent.AfterStart.NOTHING);
    }

    private static LabComponent customerService(LabLayout layout, LabPorts ports) {
        String name = "customer-service";
        int port = ports.customerService();
        JvmCommand command = JvmCommand.jar(JvmCommand.markerFor(name), springJvmFlags(layout),
                layout.inRepository("extracted/customer-service/target/customer-service.jar"),
                withTracing(layout, ports, List.of("--server.port=" + port, LAB_PROFILE,
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + ports.customersDb()
                                + "/customers?user=postgres",
                        // a customer's last card through the strangler facade, like every caller
                        "--customers.shop.base-url=http://127.0.0.1:" + ports.proxy())),
                layout.root());
        return new LabComponent(name, "The extracted customer service (profiles, no payment data)", port, List.of(),
                "http://127.0.0.1:" + port + "/api/customers", List.of("customers-db", "zipkin"),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                HealthCheck.http("http://127.0.0.1:" + port + "/actuator/health/readiness"), Duration.ofSeconds(180),
                LabComponent.AfterStart.NOTHING);
    }

    private static LabComponent cdcBridge(LabLayout layout, LabPorts ports) {
        String name = "cdc-bridge";
        int port = ports.cdcBridge();
        // Debezium, Kafka clients and Spring: more metaspace than the other services
        List<String> flags = new ArrayList<>(List.of(labMarker(layout), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=256m"));
        JvmCommand command = JvmCommand.jar(JvmCommand.markerFor(name), flags,
                layout.inRepository("cdc-bridge/target/cdc-bridge.jar"),
                withTracing(layout, ports, List.of("--server.port=" + port, LAB_PROFILE,
                        "--bridge.data-directory=" + layout.data(name),
                        "--bridge.extractions=" + layout.inRepository("extractions"),
                        "--bridge.databases.shop.port=" + ports.legacyDb(),
                        "--bridge.databases.payments.port=" + ports.paymentsDb(),
                        "--bridge.databases.customers.port=" + ports.customersDb(),
                        "--bridge.databases.customers.database=customers",
                        "--strangler.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(ports.kafka()),
                        "--strangler.schema-registry.url=" + SchemaRegistry.confluentApiUrl(ports.schemaRegistry()),
                        "--bridge.vault.base-url=http://127.0.0.1:" + ports.paymentService())),
                layout.root());
        return new LabComponent(name, "The CDC bridge: monolith <-> Kafka <-> extracted services (descriptors)", port,
                List.of(), "http://127.0.0.1:" + port + "/cdc/status",
                // the applications own the tables the bridge reads and writes: their migrations run first
                List.of("legacy-db", "payments-db", "customers-db", "kafka", "schema-registry", "legacy-monolith",
                        "payment-service", "customer-service"),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                HealthCheck.http("http://127.0.0.1:" + port + "/actuator/health/readiness"), Duration.ofSeconds(180),
                LabComponent.AfterStart.NOTHING);
    }

    /** Where the proxy keeps its admin token (owner-only permissions); {@code strangler status} shows it. */
    public static java.nio.file.Path proxyTokenFile(LabLayout layout) {
        return layout.root().resolve("proxy-admin.token");
    }

    private static LabComponent stranglerProxy(LabLayout layout, LabPorts ports) {
        String name = "strangler-proxy";
        int port = ports.proxy();
        int admin = ports.proxyAdmin();
        // the data plane is the hot path of every request: full JIT and a parallel collector, a fixed heap, as
        // benchmarked (benchmarks/proxy: RSS under load within issue #5's 300 MB)
        List<String> flags = new ArrayList<>(List.of(labMarker(layout), "-Xms192m", "-Xmx192m", "-XX:+UseParallelGC",
                "-XX:ParallelGCThreads=2", "-Xss512k"));
        JvmCommand command = JvmCommand.jar(JvmCommand.markerFor(name), flags,
                layout.inRepository("strangler-proxy/target/strangler-proxy.jar"),
                withTracing(layout, ports, List.of("--proxy.port=" + port, LAB_PROFILE,
                        "--server.port=" + admin,
                        "--proxy.legacy-upstream=http://127.0.0.1:" + MonolithBuild.Deployment.current(layout).port(ports),
                        "--proxy.upstreams.payment-service=http://127.0.0.1:" + ports.paymentService(),
                        "--proxy.upstreams.customer-service=http://127.0.0.1:" + ports.customerService(),
                        "--proxy.extractions=" + layout.inRepository("extractions"),
                        "--proxy.routes.file=" + layout.data(name).resolve("routes.json"),
                        "--proxy.admin.token-file=" + proxyTokenFile(layout),
                        "--strangler.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(ports.kafka()),
                        "--proxy.dashboard.traces-url=" + ZipkinServer.baseUrl(ports.zipkin()) + "/zipkin/",
                        "--proxy.dashboard.cdc-status-url=http://127.0.0.1:" + ports.cdcBridge() + "/cdc/status")),
                layout.root());
        return new LabComponent(name, "The strangler proxy: routes legacy -> shadow -> canary -> extracted", port,
                List.of(admin), "http://127.0.0.1:" + port + "/",
                List.of("kafka", "legacy-monolith", "payment-service", "customer-service"),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)),
                HealthCheck.http("http://127.0.0.1:" + admin + "/actuator/health/readiness"), Duration.ofSeconds(120),
                LabComponent.AfterStart.NOTHING);
    }

    /**
     * Where a component's extra arguments live ({@code <lab>/overrides/<component>.args}, one per line), read by every
     * {@code up}, so a change survives down/up.
     */
    public static java.nio.file.Path overridesFile(LabLayout layout, String component) {
        return layout.root().resolve("overrides").resolve(component + ".args");
    }

    private static List<String> withOverrides(LabLayout layout, String component, List<String> arguments) {
        java.nio.file.Path file = overridesFile(layout, component);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return arguments;
        }
        List<String> all = new ArrayList<>(arguments);
        try {
            java.nio.file.Files.readAllLines(file).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(all::add);
        } catch (java.io.IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage());
        }
        return all;
    }

    /** Memory flags for the lab's Spring Boot services: small heaps, serial GC, quick start. */
    private static List<String> springJvmFlags(LabLayout layout) {
        List<String> flags = new ArrayList<>(List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m"));
        flags.addFirst(labMarker(layout));
        return flags;
    }

    /** Every lab JVM names its lab directory, so `down` and the tests can find leftovers of exactly this lab. */
    static String labMarker(LabLayout layout) {
        return "-Dstrangler.lab=" + layout.root();
    }

    private static List<String> jvmFlags(LabLayout layout, String heap) {
        List<String> flags = new ArrayList<>(SMALL_JVM);
        flags.add(heap);
        flags.add("-Dstrangler.log.level=INFO");
        flags.addFirst(labMarker(layout));
        return flags;
    }
}
