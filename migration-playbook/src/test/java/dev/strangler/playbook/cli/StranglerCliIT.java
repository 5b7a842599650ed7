package dev.strangler.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.registry.SchemaRegistry;
import dev.strangler.lab.process.ProcessInfo;
import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.lab.MonolithBuild;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the packaged CLI ({@code target/strangler.jar}, what {@code ./strangler} runs) as a separate process against a
 * lab of its own (own directory, ports shifted by an offset), the way a user does: up, status, down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StranglerCliIT {

    private static final Path LAB = Path.of("target/it-lab").toAbsolutePath();
    private static final Path REPORTS = Path.of("target/it-lab-reports").toAbsolutePath();
    private static int offset;
    private static LabCli cli;

    @BeforeAll
    static void startFromAnEmptyLab() throws Exception {
        // a run killed earlier may have left its lab running or its data behind: neither may leak into this run
        if (java.nio.file.Files.exists(LAB)) {
            chooseFreePorts();
            run("down");
            dev.strangler.lab.process.FileTrees.deleteRecursively(LAB);
        }
        dev.strangler.lab.process.FileTrees.deleteRecursively(REPORTS);
        chooseFreePorts();
    }

    static void chooseFreePorts() {
        // the lab's default ports plus an offset; take the first offset whose ports are all free here
        // reports of its own too: up --reset deletes the reports directory's evidence, not the repository's
        cli = new LabCli(LAB, 2000).with("STRANGLER_REPORTS_DIR", REPORTS.toString());
        offset = cli.offset();
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        run("down");
    }

    @Test
    @Order(1)
    void refusesToStartWhenAPortIsTakenAndSaysByWhom() throws Exception {
        int pspPort = new LabPorts(offset).paymentGateway();
        try (ServerSocket squatter = new ServerSocket(pspPort, 50, InetAddress.getLoopbackAddress())) {
            LabCli.Result up = run("up");
            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output())
                    .contains("port " + pspPort + " (needed by payment-gateway) is in use by pid " + ProcessHandle.current().pid())
                    .contains("STRANGLER_PORT_OFFSET");
        }
        // nothing was started
        assertThat(labProcesses()).isEmpty();
    }

    @Test
    @Order(2)
    void upStatusDownLeavesNothingRunning() throws Exception {
        // what a completed playbook leaves behind (the decommissioned build on the monolith's second port, the
        // playbook's state, its evidence): up --reset starts from scratch, with the original build, seeded
        LabLayout layout = new LabLayout(Path.of(".."), LAB, REPORTS);
        MonolithBuild.select(layout, MonolithBuild.Deployment.INITIAL.next(MonolithBuild.DECOMMISSIONED));
        for (Path planted : List.of(layout.playbookState("payments"), REPORTS.resolve("playbook/payments/decommission.json"))) {
            Files.createDirectories(planted.getParent());
            Files.writeString(planted, "{}");
        }

        LabCli.Result up = run("up", "--reset");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(layout.playbookState("payments")).doesNotExist();
        assertThat(REPORTS.resolve("playbook")).doesNotExist();
        assertThat(MonolithBuild.current(layout)).isEqualTo(MonolithBuild.ORIGINAL);
        List<String> names = LabComponents.standard(new LabLayout(Path.of("."), LAB), new LabPorts(offset)).stream()
                .map(c -> c.name()).toList();
        assertThat(up.output()).contains("The lab is up").contains(names);

        LabCli.Result status = run("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        List<String> rows = status.output().lines().filter(l -> names.stream().anyMatch(n -> l.startsWith(n + " "))).toList();
        assertThat(rows).hasSize(names.size()).allSatisfy(row -> assertThat(row).contains(" healthy "));
        assertThat(labProcesses()).isNotEmpty();

        // the monolith seeded itself on first start and answers with JSON
        java.net.http.HttpResponse<String> products = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + new LabPorts(offset).legacyMonolith()
                        + "/api/products")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(products.statusCode()).isEqualTo(200);
        assertThat(products.body()).contains("\"price\"");

        LabCli.Result seed = run("seed", "--orders", "20");
        assertThat(seed.exitCode()).as(seed.output()).isZero();
        assertThat(seed.output()).contains("Seeded in");

        // the CDC bridge followed the re-seed (a truncate, then new rows) into the payment service's database, and
        // takes a payment made in the service back into the monolith's
        payInTheService(new LabPorts(offset));
        LabCli.Result reconcile = run("reconcile", "payments", "--settle", "30");
        assertThat(reconcile.exitCode()).as(reconcile.output()).isZero();
        assertThat(reconcile.output()).contains("Consistent: 0 mismatches.");
        // a row changed behind the bridge's back is named, and the exit code says so
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + new LabPorts(offset).paymentsDb() + "/payments?user=postgres")) {
            db.createStatement().executeUpdate("update payments set psp_reference = 'tampered' where id = 3");
        }
        LabCli.Result mismatch = run("reconcile", "payments", "--settle", "0");
        assertThat(mismatch.exitCode()).as(mismatch.output()).isEqualTo(1);
        assertThat(mismatch.output()).contains("1 mismatches").containsPattern("different\\s+1\\s+ids: 3");

        LabCli.Result again = run("up");
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("already running");

        LabCli.Result logs = run("logs", "payment-gateway");
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.output()).contains("Fake payment gateway ready");

        LabCli.Result down = run("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.output()).contains("The lab is down.");
        assertThat(labProcesses()).isEmpty();

        LabCli.Result afterDown = run("status");
        assertThat(afterDown.exitCode()).isEqualTo(1);
        assertThat(afterDown.output()).contains("stopped");
    }

    @Test
    @Order(3)
    void downThenUpKeepsTheDataOfEveryComponent() throws Exception {
        LabPorts ports = new LabPorts(offset);
        assertThat(run("up").exitCode()).isZero();
        String subject = "kept-" + System.nanoTime() + "-value";
        String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Kept\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}";
        assertThat(SchemaRegistry.call(ports.schemaRegistry(), "POST", "/subjects/" + subject + "/versions",
                "{\"schema\":\"" + schema + "\"}").statusCode()).isEqualTo(200);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.paymentsDb() + "/payments?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('still here')");
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(ports.kafka()),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("kept", "k", "still here")).get();
        }

        assertThat(run("down").exitCode()).isZero();
        assertThat(run("up").exitCode()).isZero();

        assertThat(SchemaRegistry.call(ports.schemaRegistry(), "GET", "/subjects/" + subject + "/versions/1", null).statusCode())
                .isEqualTo(200);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.paymentsDb() + "/payments?user=postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
        // the 20 orders seeded before the restart, and the one paid through the service, are still there: the
        // monolith did not seed again
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.legacyDb() + "/shop?user=postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from orders")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(21);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(ports.kafka()),
                ConsumerConfig.GROUP_ID_CONFIG, "kept-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("kept"));
            List<String> values = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("still here");
        }
        assertThat(run("down").exitCode()).isZero();
    }

    @Test
    @Order(4)
    void upAfterKill9OfAnUpMidwayLeavesExactlyOneHealthyServerPerDatabaseAndDownCleansUp() throws Exception {
        Process interrupted = start("up");
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                    .until(() -> dev.strangler.lab.postgres.PostgresServer.isHealthy(new LabPorts(offset).legacyDb()) || !interrupted.isAlive());
        } finally {
            interrupted.destroyForcibly(); // kill -9 of the CLI: no shutdown hook, no clean-up
            interrupted.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(labProcesses()).as("what the killed CLI had started keeps running").isNotEmpty();

        LabCli.Result up = run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        for (String db : List.of("legacy-db", "payments-db")) {
            Path data = LAB.resolve("data").resolve(db);
            assertThat(ProcessHandle.allProcesses().filter(p -> dev.strangler.lab.postgres.PostgresServer.isPostmasterOf(p.pid(), data))
                    .map(p -> p.pid() + ": " + ProcessInfo.commandLine(p.pid())).toList()).as(db).hasSize(1);
        }
        assertThat(run("status").exitCode()).isZero();

        assertThat(run("down").exitCode()).isZero();
        assertThat(labProcesses()).isEmpty();
    }

    @Test
    @Order(5)
    void rejectsAnUnknownComponentAndAnUnknownCommand() throws Exception {
        LabCli.Result logs = run("logs", "no-such-thing");
        assertThat(logs.exitCode()).isEqualTo(1);
        assertThat(logs.output()).contains("no component 'no-such-thing'", "kafka");

        LabCli.Result unknown = run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("Unmatched argument");
    }

    /** An order placed in the monolith, paid through the payment service directly. */
    private static void payInTheService(LabPorts ports) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> order = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + ports.legacyMonolith() + "/api/orders"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":1,\"items\":[{\"productId\":1,\"quantity\":1}]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(order.body());
        java.net.http.HttpResponse<String> payment = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + ports.paymentService() + "/api/payments"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "cli-it-" + System.nanoTime())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"orderId\":" + o.path("id").asLong()
                        + ",\"cardNumber\":\"4242424242424242\",\"amount\":\"" + o.path("total").asText()
                        + "\",\"currency\":\"EUR\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
    }

    private static List<Long> labProcesses() {
        return cli.processes();
    }

    private static LabCli.Result run(String... args) throws IOException, InterruptedException {
        return cli.run(args);
    }

    private static Process start(String... args) throws IOException {
        return cli.start(Files.createTempFile("strangler-cli", ".out"), args);
    }

    private static Process start(Path output, String... args) throws IOException {
        return cli.start(output, args);
    }
}
