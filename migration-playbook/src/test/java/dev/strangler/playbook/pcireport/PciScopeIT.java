package dev.strangler.playbook.pcireport;

import dev.strangler.lab.pan.CardNumberScanner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import dev.strangler.playbook.cli.PciScopeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code strangler pci-scope} against real engines (lab-infra's PostgreSQL servers and Kafka broker) holding a small
 * section of the lab: the monolith's payments table, the service's vault, a change topic and a log directory. Only the
 * networks' test card numbers appear, and only in these planted fixtures.
 */
class PciScopeIT {

    private static final String VISA = "4242424242424242";
    private static final String MASTERCARD = "5555555555554444";

    @TempDir
    Path dir;

    private Path logs;
    private Path reports;
    private String legacyUrl;
    private String paymentsUrl;
    private final List<String> topics = new ArrayList<>();

    @BeforeEach
    void aCleanSectionOfTheLab() throws Exception {
        legacyUrl = TestLab.freshDatabase(TestLab.legacyPostgres(), "shop");
        paymentsUrl = TestLab.freshDatabase(TestLab.paymentsPostgres(), "payments");
        sql(legacyUrl, """
                create table payments (id bigserial primary key, order_id bigint, card_number varchar(19), status varchar(4));
                create table payment_events (id bigserial primary key, payment_id bigint, note varchar(200));
                create table customers (id bigserial primary key, email varchar(200), name text);
                insert into customers (email, name) values ('ada@example.com', 'Ada 1734567890123');
                insert into payments (order_id, card_number, status) values
                    (1, '************4242', 'CAPT'), (2, '************4444', 'AUTH');
                insert into payment_events (payment_id, note) values (1, 'captured 20.00 at 2025-01-01T10:15:30Z');""");
        sql(paymentsUrl, """
                create table vault_cards (token varchar(64) primary key, key_id varchar(20), nonce bytea, ciphertext bytea);
                create table payments (id bigint primary key, card_token varchar(64), card_last4 varchar(4));
                create table outbox (id bigint primary key, payload jsonb, trace_id varchar(64));
                insert into vault_cards values ('tok_a1', 'k1', '\\x00', '\\xdeadbeef'), ('tok_b2', 'k1', '\\x01', '\\xfeedface');
                insert into payments values (1000000000, 'tok_a1', '4242');
                insert into outbox values (1, '{"paymentId":1000000000,"cardLast4":"4242","brand":"VISA"}',
                    '0af7651916cd43dd8448eb211c80319c');""");
        logs = Files.createDirectories(dir.resolve("lab/logs"));
        Files.writeString(logs.resolve("legacy-monolith.log"), """
                2025-01-01 10:15:30.123 INFO  Payment 17 authorized for order 42
                2025-01-01 10:15:31.456 INFO  card ************4242 captured, took 1734567890123 ns
                """);
        Files.writeString(logs.resolve("kafka.log"), "[2025-01-01 10:15:30,123] INFO Kafka started (kafka.server)\n");
        reports = dir.resolve("reports");
    }

    @AfterEach
    void deleteTopics() throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestLab.kafka().bootstrapServers()))) {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(topics::contains));
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run pciScope(String... extra) {
        return pciScopeWithKafka(TestLab.kafka().bootstrapServers(), extra);
    }

    private Run pciScopeWithKafka(String kafka, String... extra) {
        List<String> args = new ArrayList<>(List.of("--legacy-db", legacyUrl, "--payments-db", paymentsUrl,
                "--kafka", kafka, "--logs", logs.toString(), "--out", reports.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new PciScopeCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        Run run = new Run(code, out.toString(), err.toString());
        // whatever it found, the command never prints a card number, nor writes one into its reports
        assertThat(CardNumberScanner.find(withoutTestDirectory(run.out() + run.err()))).as(run.out() + run.err()).isEmpty();
        try (Stream<Path> files = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
            for (Path report : files.toList()) {
                assertThat(CardNumberScanner.find(Files.readString(report))).as(report.toString()).isEmpty();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run;
    }

    /**
     * The command's output names the report files it wrote, under JUnit's temporary directory, whose random digits are
     * now and then Luhn-valid: they are the test's arguments, not the lab's, so they are taken out before looking for
     * card numbers. The reports themselves mask such digits (PciScopeReportTests), so they are checked as they are.
     */
    private String withoutTestDirectory(String text) {
        return text.replace(dir.toString(), "<test-dir>");
    }

    @Test
    void aCleanLabSectionPassesWithTheVaultInScopeByDesign() throws Exception {
        topic("strangler.cdc.service.payments-" + uniqueSuffix(), "lz4", List.of(
                "{\"id\":1000000000,\"cardToken\":\"tok_a1\",\"cardLast4\":\"4242\"}"), Map.of());

        Run run = pciScope("--expect-extracted");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("outside the vault: 0 now, 0 at the baseline")
                .contains("payments.public.vault_cards")
                .contains("2 encrypted cards (vault, in scope by design)")
                .contains("Processes in scope: payment-service (by design), cdc-bridge (by design), payments-db (by design)")
                .contains("PASS");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("pci-scope.json").toFile());
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("now").path("findings")).isEmpty();
        assertThat(json.path("now").path("coverage").path("tables").asInt()).isEqualTo(6);
        assertThat(json.path("now").path("coverage").path("logFiles").asInt()).isEqualTo(2);
        assertThat(json.path("now").path("coverage").path("recordsSampled").asLong()).isPositive();
        assertThat(Files.exists(reports.resolve("pci-scope-baseline.json"))).isTrue();
        assertThat(Files.readString(reports.resolve("pci-scope.md"))).contains("```mermaid");
    }

    @Test
    void aPlantedCardNumberInALogFileFailsTheExpectationNamingTheFile() throws Exception {
        Path log = logs.resolve("payment-service.log");
        Files.writeString(log, "10:15:30 INFO ok\n10:15:31 DEBUG request body {\"orderId\":42,\"cardNumber\":\"" + VISA + "\"}\n");

        Run run = pciScope("--expect-extracted");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        // the path as the report shows it: digits of the temporary directory that look like a card number are masked
        String shown = CardNumberScanner.redact(log.toAbsolutePath().toString());
        assertThat(run.err()).contains("FAIL").contains("log file " + shown + " (payment-service): 1 card numbers (****4242), e.g. line 2");
        assertThat(run.out()).contains("payment-service.log");
        String md = Files.readString(reports.resolve("pci-scope.md"));
        assertThat(md).contains("**FAIL**").contains(shown);
    }

    @Test
    void findsCardNumbersInColumnsAndInCompressedTopicsThenShowsThemGoneBesideTheBaseline() throws Exception {
        // before the migration: the monolith's payments hold card numbers, and a careless topic carries some
        sql(legacyUrl, "insert into payments (order_id, card_number, status) select g, case when g % 2 = 0 then '" + VISA
                + "' else '" + MASTERCARD + "' end, 'CAPT' from generate_series(3, 1002) g");
        String leaky = "legacy.payments.raw-" + uniqueSuffix();
        topic(leaky, "lz4", List.of("{\"id\":3,\"card_number\":\"" + MASTERCARD + "\"}", "{\"id\":4,\"status\":\"CAPT\"}"),
                Map.of("debug-card", "4000 0000 0000 0002"));
        // lz4 compressed the batch: the digits are not in the segment file as such, only a consumer sees them
        try (Stream<Path> segments = Files.walk(TestLab.directory().resolve("kafka").resolve(leaky + "-0"))) {
            for (Path segment : segments.filter(p -> p.toString().endsWith(".log")).toList()) {
                assertThat(new String(Files.readAllBytes(segment), StandardCharsets.ISO_8859_1)).doesNotContain(MASTERCARD);
            }
        }

        Run before = pciScope();

        assertThat(before.exitCode()).as(before.out() + before.err()).isZero();
        JsonNode scan = new ObjectMapper().readTree(reports.resolve("pci-scope.json").toFile()).path("now");
        JsonNode column = finding(scan, "shop.public.payments.card_number");
        assertThat(column.path("component").asText()).isEqualTo("legacy-db");
        assertThat(column.path("occurrences").asLong()).isEqualTo(1000);
        assertThat(column.path("distinctCards").asLong()).isEqualTo(2);
        assertThat(column.path("last4").toString()).contains("****4444", "****4242");
        assertThat(column.path("examples").get(0).asText()).startsWith("id=");
        JsonNode topic = finding(scan, leaky);
        assertThat(topic.path("occurrences").asLong()).isEqualTo(3); // one value, the header of both records
        assertThat(topic.path("examples").toString()).contains("partition 0 offset 0 (value)", "(header debug-card)");
        assertThat(scan.path("processes").toString())
                .contains("\"component\":\"legacy-monolith\"", "reads and writes shop.public.payments, which holds card numbers")
                .contains("reads shop.public.payments, which holds card numbers") // the bridge's capture
                .contains("topic " + leaky + " holds 3 card numbers");
        assertThat(before.out()).contains("outside the vault: 2 now, 2 at the baseline");

        // after: the playbook masks the old card numbers and the careless topic is gone
        sql(legacyUrl, "update payments set card_number = '************' || right(card_number, 4)");
        deleteTopics();
        topics.clear();

        Run after = pciScope("--expect-extracted");

        assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
        assertThat(after.out()).contains("outside the vault: 0 now, 2 at the baseline").contains("PASS");
        String md = Files.readString(reports.resolve("pci-scope.md"));
        assertThat(md).contains("| `shop.public.payments.card_number` | database column | legacy-db | **1,000** (2 distinct: ")
                .contains("| legacy-monolith | **in** | out | no evidence left |")
                .contains("subgraph before[").contains("subgraph after[");
    }

    @Test
    void aSourceThatCannotBeScannedFailsTheExpectation() {
        Run run = pciScopeWithKafka("127.0.0.1:" + Ports.freePort(), "--expect-extracted");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("kafka: NOT SCANNED").contains("not written, this scan is incomplete");
        assertThat(run.err()).contains("not scanned: kafka (127.0.0.1:");
        assertThat(reports.resolve("pci-scope-baseline.json")).doesNotExist();
    }

    @Test
    void aLabThatIsDownIsSaidSoAndNoReportIsWritten() {
        legacyUrl = ScanTargets.jdbc(Ports.freePort(), "shop");
        paymentsUrl = ScanTargets.jdbc(Ports.freePort(), "payments");
        logs = dir.resolve("no-lab/logs");

        Run run = pciScopeWithKafka("127.0.0.1:" + Ports.freePort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing could be scanned: is the lab up");
        assertThat(reports).doesNotExist();
    }

    /** Base 36 keeps a unique suffix shorter than a card number, which a decimal nanoTime is not. */
    private static String uniqueSuffix() {
        return Long.toString(System.nanoTime(), 36);
    }

    private static JsonNode finding(JsonNode scan, String location) {
        for (JsonNode f : scan.path("findings")) {
            if (f.path("location").asText().equals(location)) {
                return f;
            }
        }
        throw new AssertionError("no finding at " + location + " in " + scan.path("findings"));
    }

    private void topic(String name, String compression, List<String> values, Map<String, String> headers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestLab.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        topics.add(name);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestLab.kafka().bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (String value : values) {
                ProducerRecord<String, String> record = new ProducerRecord<>(name, "k", value);
                headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void sql(String url, String statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}
