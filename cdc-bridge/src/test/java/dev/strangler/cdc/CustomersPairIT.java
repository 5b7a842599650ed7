package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The second extraction through the same bridge, with no code of its own: the monolith's customers and the customer
 * service's, as extractions/customers.yaml maps them (a name split in two at its last space, e-mails in lower case,
 * times in UTC without a zone, ids from 1e9 for the service's own rows, both sides captured with an origin marker).
 */
class CustomersPairIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Db legacy;
    private static Db service;
    private static BridgeInstance bridge;

    @BeforeAll
    static void start() {
        legacy = Schemas.legacy(TestLab.legacyPostgres(), 3);
        legacy.update("insert into customers (email, name, created_at) values"
                + " ('Grace.Hopper@Navy.Test', 'Grace Brewster Hopper', '2024-02-03T04:05:06.123456Z')");
        service = Schemas.customers(TestLab.paymentsPostgres());
        // the vault is not asked: customers hold no card
        bridge = new BridgeInstance("customers", "customers", legacy, service, "http://127.0.0.1:9").start();
        bridge.awaitBackfill();
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static Map<String, Object> serviceRow(long id) {
        return service.row("select * from customers where id = ?", id);
    }

    private static Map<String, Object> legacyRow(long id) {
        return legacy.row("select * from customers where id = ?", id);
    }

    private static long legacyId(String email) {
        return ((Number) legacy.row("select id from customers where email = ?", email).get("id")).longValue();
    }

    @Test
    void theBackfillSplitsNamesNormalisesEmailsAndKeepsTimesInUtc() {
        Map<String, Object> grace = serviceRow(legacyId("Grace.Hopper@Navy.Test"));
        assertThat(grace).containsEntry("given_name", "Grace Brewster").containsEntry("family_name", "Hopper")
                .containsEntry("email", "grace.hopper@navy.test").containsEntry("version", 0)
                .containsEntry("legacy_id", legacyId("Grace.Hopper@Navy.Test"));
        assertThat(((java.sql.Timestamp) grace.get("created_at")).toLocalDateTime())
                .isEqualTo(LocalDateTime.of(2024, 2, 3, 4, 5, 6, 123_456_000));
        // a single word has no family name
        assertThat(serviceRow(legacyId("ada@example.test"))).containsEntry("given_name", "Ada")
                .containsEntry("family_name", "");
    }

    @Test
    void aMonolithChangeReachesTheServiceAndCountsItsVersion() {
        legacy.update("insert into customers (email, name) values ('alan@example.test', 'Alan Turing')");
        long id = legacyId("alan@example.test");
        await().atMost(WAIT).until(() -> "Turing".equals(serviceRow(id).get("family_name")));

        legacy.update("update customers set name = 'Alan Mathison Turing', email = ' Alan.T@Example.test'"
                + " where id = ?", id);

        await().atMost(WAIT).until(() -> "alan.t@example.test".equals(serviceRow(id).get("email")));
        assertThat(serviceRow(id)).containsEntry("given_name", "Alan Mathison").containsEntry("family_name", "Turing")
                .containsEntry("version", 1);
    }

    @Test
    void aCustomerOfTheServiceReachesTheMonolithOnceAndNeverComesBack() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        service.update("insert into customers (given_name, family_name, email, created_at, updated_at)"
                + " values ('Barbara', 'Liskov', 'barbara@mit.test', ?, ?)",
                LocalDateTime.ofInstant(at, ZoneOffset.UTC), LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        long id = ((Number) service.row("select id from customers where email = 'barbara@mit.test'").get("id"))
                .longValue();
        assertThat(id).isGreaterThanOrEqualTo(1_000_000_000L);

        await().atMost(WAIT).until(() -> !legacyRow(id).isEmpty());
        assertThat(legacyRow(id)).containsEntry("name", "Barbara Liskov").containsEntry("email", "barbara@mit.test")
                .containsEntry("cdc_origin", "cdc-bridge");
        assertThat(((java.sql.Timestamp) legacyRow(id).get("created_at")).toInstant()).isEqualTo(at);
        // the monolith's row was written by the bridge: its capture skips it, nothing goes back to the service
        await().atMost(WAIT).until(() -> bridge.direction(bridge.status(), "legacy-to-service").path("capture")
                .path("skippedOwnWrites").asLong() >= 1);
        assertThat(Topics.readAll(bridge.legacyTopic())).noneMatch(r -> r.key() != null
                && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).equals(Long.toString(id)));
    }

    @Test
    void aDeleteTheBridgeAppliedIsNotSentBack() {
        legacy.update("insert into customers (email, name) values ('zed@example.test', 'Zed Shaw')");
        long id = legacyId("zed@example.test");
        await().atMost(WAIT).until(() -> !serviceRow(id).isEmpty());
        long skipped = bridge.direction(bridge.status(), "service-to-legacy").path("capture")
                .path("skippedOwnWrites").asLong();

        legacy.update("delete from customers where id = ?", id);
        await().atMost(WAIT).until(() -> serviceRow(id).isEmpty());
        // the monolith takes the key again at once (a re-seed does): the bridge's delete must not come back for it
        legacy.update("insert into customers (id, email, name) values (?, 'zed.again@example.test', 'Zed Again')", id);

        await().atMost(WAIT).until(() -> bridge.direction(bridge.status(), "service-to-legacy").path("capture")
                .path("skippedOwnWrites").asLong() > skipped);
        await().atMost(WAIT).until(() -> "zed.again@example.test".equals(serviceRow(id).get("email")));
        assertThat(legacyRow(id)).containsEntry("name", "Zed Again");
        assertThat(Topics.readAll(bridge.serviceTopic())).noneMatch(r -> r.key() != null
                && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).equals(Long.toString(id)));
    }

    @Test
    void bothSidesReconcile() {
        await().atMost(WAIT).until(() -> bridge.direction(bridge.status(), "legacy-to-service").path("apply")
                .path("lagMs").asLong() == 0);
        JsonNode report = bridge.reconcile("10s");
        assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
        assertThat(report.path("legacyRows").asLong()).isEqualTo(report.path("serviceRows").asLong()).isPositive();
    }
}
