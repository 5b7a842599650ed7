package dev.strangler.playbook.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against the real shop: the monolith's packaged jar as a child JVM, on lab-infra's PostgreSQL
 * and fake payment gateway. The WireMock stand-in of the unit tests answers what we believe the shop answers; this
 * proves that the requests are the ones the real API takes, and that what the summary claims is in the database.
 */
class TrafficAgainstTheMonolithIT {

    private static Process monolith;
    private static URI shop;
    private static String database;

    @BeforeAll
    static void startTheShop() throws Exception {
        Path jar = Path.of("..", "legacy-monolith", "target", "legacy-monolith.jar").toAbsolutePath().normalize();
        assertThat(jar).as("build legacy-monolith first (./mvnw -pl legacy-monolith package)").isRegularFile();
        database = TestLab.freshDatabase(TestLab.legacyPostgres(), "shop");
        int port = Ports.freePort();
        Path log = Path.of("target", "traffic-it-monolith.log").toAbsolutePath();
        monolith = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--spring.datasource.url=" + database,
                "--shop.psp.base-url=" + TestLab.psp().baseUrl(), "--shop.seed.orders-on-empty=200")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        shop = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        await("monolith readiness").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(monolith.isAlive()).as("the monolith exited; see " + log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(shop.resolve("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopTheShop() throws Exception {
        if (monolith != null) {
            monolith.destroy();
            if (!monolith.waitFor(30, TimeUnit.SECONDS)) {
                monolith.destroyForcibly();
            }
        }
    }

    @Test
    void theWholeShopJourneyRunsAgainstTheRealApiAndItsEffectsAreInTheDatabase() throws Exception {
        TestLab.psp().resetJournal();
        TrafficSummary summary;
        try (TrafficRun run = TrafficRun.start(TrafficSettings.of(shop, 20, Duration.ofSeconds(15)).withDeclineShare(0.2))) {
            assertThat(run.awaitCompletion(Duration.ofMinutes(2))).isTrue();
            summary = run.summary();
        }

        assertThat(summary.requests()).isEqualTo(300);
        assertThat(summary.failed()).as(summary.failureSamples().toString()).isZero();
        assertThat(summary.declined()).isPositive();
        Map<RequestKind, TrafficSummary.KindSummary> kinds = summary.byKind().stream()
                .collect(Collectors.toMap(TrafficSummary.KindSummary::kind, Function.identity()));
        for (RequestKind kind : List.of(RequestKind.BROWSE_PRODUCTS, RequestKind.VIEW_ORDER, RequestKind.VIEW_PAYMENT,
                RequestKind.CHECKOUT, RequestKind.CREATE_ORDER, RequestKind.PAY, RequestKind.CAPTURE, RequestKind.REFUND)) {
            assertThat(kinds.get(kind).ok()).as(kind.toString()).isPositive();
        }

        // every payment the summary names exists, authorized by this run; captures and refunds happened as counted
        List<Long> ids = summary.paymentIdsCreated();
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (Connection db = DriverManager.getConnection(database); Statement s = db.createStatement()) {
            assertThat(count(s, "select count(*) from payments where id in (" + in + ")")).isEqualTo(ids.size());
            assertThat(count(s, "select count(*) from payments where id in (" + in + ") and captured_amount > 0"))
                    .isEqualTo(summary.paymentsCaptured());
            assertThat(count(s, "select count(*) from payment_events where payment_id in (" + in + ") and event_type = 'REFUNDED'"))
                    .isEqualTo(summary.paymentsRefunded());
        }
        // the fake gateway saw one authorization per payment and per decline: nothing was charged twice
        long authorizations = TestLab.psp().authorizationRequests().size();
        assertThat(authorizations).isEqualTo(ids.size() + summary.declined());
        assertThat(Files.readString(Path.of("target", "traffic-it-monolith.log"))).doesNotContain("4242424242424242");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
