package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.cdc.publish.ChangeHeaders;
import dev.strangler.lab.junit.TestLab;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The playbook's decommission masks the monolith's card numbers in place. The bridge captures those updates; a
 * masked card column is no card change, so the service's rows keep the token, last four digits and brand they have.
 * Before, every masked row was a dead letter (PostgreSQL checks NOT NULL on the proposed insert row before ON
 * CONFLICT): 10,067 of them after one rehearsal. And a masked row that changed nothing the service carries still
 * moved the row's version, which a refund running at that moment took for a concurrent update (409).
 */
class CardMaskingIT {

    private static final int PAYMENTS = 60;
    /** Exactly what {@code DecommissionStep} runs on the monolith's database. */
    private static final String DECOMMISSION_MASKING = "update payments set card_number = '************'"
            + " || right(card_number, 4) where card_number ~ '^[0-9]{12,19}$'";

    @Test
    void keepsTheServiceCardTokensWhenTheMonolithMasksItsCardNumbers() {
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), PAYMENTS);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        try (BridgeInstance bridge = new BridgeInstance("masking", legacy, service,
                ShopApps.shared().paymentService.baseUrl(), "bridge.reverse=false")) {
            bridge.start();
            bridge.awaitBackfill();
            String cards = "select id, card_token, card_last4, card_brand from payments order by id";
            List<Map<String, Object>> tokenized = service.rows(cards);
            assertThat(tokenized).hasSize(PAYMENTS).allSatisfy(r -> assertThat(r.get("card_token")).isNotNull());
            String versions = "select id, version from payments order by id";
            List<Map<String, Object>> before = service.rows(versions);

            assertThat(legacy.update(DECOMMISSION_MASKING)).isEqualTo(PAYMENTS);

            // every masked row applied, or the first dead letter (which ends the wait: the test has failed)
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode status = bridge.status();
                return bridge.direction(status, "legacy-to-service").path("apply").path("applied").asLong()
                        >= 2L * PAYMENTS || status.path("deadLetters").path("count").asLong() > 0;
            });
            assertThat(Topics.readAll(bridge.deadLetterTopic())).as("dead letters' reasons")
                    .extracting(r -> new String(r.headers().lastHeader(ChangeHeaders.DLQ_REASON).value(),
                            StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(service.rows(cards)).isEqualTo(tokenized);
            // nothing the service carries changed: its rows keep their versions, so that none of its own writes in
            // flight (a refund that read version n) is refused as a concurrent update (a rehearsal's 409)
            assertThat(service.rows(versions)).isEqualTo(before);
            assertThat(legacy.count("select count(*) from payments where card_number ~ '^[0-9]{12,19}$'")).isZero();
        }
    }
}
