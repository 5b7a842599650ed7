package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code X-Strangler-Shadow: dry-run}: the proxy's mirrored requests compute an answer and change nothing. */
class DryRunIT extends ServiceTest {

    private static final Map<String, String> DRY_RUN = Map.of("X-Strangler-Shadow", "dry-run");

    @Test
    void aDryRunAuthorizationAnswersLikeTheRealOneButStoresNothingAndCallsNoGateway() {
        long order = monolith().newOrder();
        String before = tableCounts();
        psp().resetJournal();

        Api.Reply dry = api.post("/api/payments", authorize(order, APPROVED), DRY_RUN);

        assertThat(dry.status()).as(dry.body()).isEqualTo(201);
        assertThat(dry.text("status")).isEqualTo("AUTHORIZED");
        assertThat(dry.text("amount")).isEqualTo(monolith().order(order).text("total"));
        assertThat(dry.text("cardLast4")).isEqualTo("4242");
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(psp().authorizationRequests()).isEmpty();
    }

    @Test
    void dryRunCaptureAndRefundChangeNothing() {
        Api.Reply created = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED));
        api.post("/api/payments/" + created.id() + "/capture", "{\"amount\":\"1.00\"}");
        String before = tableCounts();
        int journal = psp().server().getAllServeEvents().size();

        Api.Reply refund = api.post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"0.40\"}", DRY_RUN);
        Api.Reply capture = api.post("/api/payments/" + created.id() + "/capture", null, DRY_RUN);

        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        assertThat(refund.text("status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(refund.text("refundedAmount")).isEqualTo("0.40");
        assertThat(capture.status()).isEqualTo(409);
        assertThat(capture.text("type")).isEqualTo("/problems/illegal-transition");
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(psp().server().getAllServeEvents()).hasSize(journal);
        assertThat(api.get("/api/payments/" + created.id()).text("status")).isEqualTo("CAPTURED");
    }

    @Test
    void anUnknownShadowModeIsRefused() {
        String before = tableCounts();

        Api.Reply reply = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED),
                Map.of("X-Strangler-Shadow", "for-real"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("type")).isEqualTo("/problems/invalid-shadow-mode");
        assertThat(tableCounts()).isEqualTo(before);
    }
}
