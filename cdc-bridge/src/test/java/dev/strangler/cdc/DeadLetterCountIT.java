package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead-letter count is what the dead-letter topic holds, not what this process sent: a restarted bridge still
 * reports the records waiting there, and its health says DEGRADED (HTTP 200) until an operator clears them.
 */
class DeadLetterCountIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int DEAD = 3;

    @Test
    void aRestartedBridgeStillCountsTheDeadLettersOnTheTopicAndIsDegraded() {
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), 5);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        try (BridgeInstance bridge = new BridgeInstance("dlqcount", legacy, service,
                ShopApps.shared().paymentService.baseUrl(), "bridge.reverse=false")) {
            bridge.start();
            bridge.awaitBackfill();

            // payments the service never had, their card column already masked: no token anywhere, real dead letters
            legacy.update("insert into orders (customer_id, status, total, currency)"
                    + " select 1, 'PAID', 20.99, 'EUR' from generate_series(1, ?)", DEAD);
            legacy.update("""
                    insert into payments (order_id, amount, currency, status, captured_amount, psp_reference,
                                          card_number)
                    select o.id, o.total, 'EUR', 'CAPT', o.total, 'psp_' || o.id, '************4242' from orders o
                    where not exists (select 1 from payments p where p.order_id = o.id)""");
            await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(bridge) == DEAD);
            assertThat(Topics.readAll(bridge.deadLetterTopic())).hasSize(DEAD);

            bridge.stop();
            bridge.start();

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(deadLetters(bridge))
                    .as("dead letters counted by the restarted bridge").isEqualTo(DEAD));
            JsonNode status = bridge.status();
            assertThat(status.path("healthy").asBoolean()).isFalse();
            assertThat(status.path("problems").toString()).contains(DEAD + " dead letters");
            ResponseEntity<String> health = bridge.http().get().uri("/actuator/health").retrieve()
                    .toEntity(String.class);
            assertThat(health.getStatusCode().value()).isEqualTo(200);
            JsonNode components = JSON.readTree(health.getBody());
            assertThat(components.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(components.path("components").path("cdc").path("status").asString()).isEqualTo("DEGRADED");
            // readiness includes cdc: dead letters do not take the bridge out of service
            ResponseEntity<String> readiness = bridge.http().get().uri("/actuator/health/readiness").retrieve()
                    .toEntity(String.class);
            assertThat(readiness.getStatusCode().value()).isEqualTo(200);
            assertThat(JSON.readTree(readiness.getBody()).path("status").asString()).isEqualTo("DEGRADED");
        }
    }

    private static long deadLetters(BridgeInstance bridge) {
        return bridge.status().path("deadLetters").path("count").asLong();
    }
}
