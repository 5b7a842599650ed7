package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.DECLINED;
import static dev.strangler.payments.Cards.GATEWAY_ERROR;
import static dev.strangler.payments.Cards.MASTERCARD;
import static dev.strangler.payments.Cards.TIMEOUT;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.TestLab;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payment API contract, run against every implementation: the monolith ({@code MonolithPaymentContractIT})
 * and this service ({@code ServicePaymentContractIT}). Requests are byte-for-byte what a caller of the monolith
 * sends; orders come from the shared real monolith. An interface with default methods rather than an abstract
 * class, so the service's variant can still extend the base class that shares one Spring context.
 */
public interface PaymentContract {

    /** The implementation under test. */
    Api payments();

    /** Where orders live (the real monolith in both variants). */
    default Monolith shop() {
        return Monolith.shared();
    }

    private Api.Reply authorized(String card) {
        Api.Reply reply = payments().post("/api/payments", authorize(shop().newOrder(), card));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }

    private static void assertProblem(Api.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/" + type);
        assertThat(reply.text("status")).isEqualTo(String.valueOf(status));
    }

    @Test
    default void authorizesTheOrderTotal() {
        long order = shop().newOrder();
        String total = shop().order(order).text("total");

        Api.Reply reply = payments().post("/api/payments", authorize(order, "5555 5555 5555 4444"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("id").isNumber()).isTrue();
        assertThat(reply.json().get("orderId").asLong()).isEqualTo(order);
        assertThat(reply.text("status")).isEqualTo("AUTHORIZED");
        assertThat(reply.text("amount")).isEqualTo(total);
        assertThat(reply.text("currency")).isEqualTo("EUR");
        assertThat(reply.text("cardLast4")).isEqualTo("4444");
        assertThat(reply.text("capturedAmount")).isEqualTo("0.00");
        assertThat(reply.text("refundedAmount")).isEqualTo("0.00");
        assertThat(reply.text("pspReference")).startsWith("auth_");
        assertThat(reply.text("createdAt")).endsWith("Z");
        assertThat(reply.text("updatedAt")).endsWith("Z");
        assertThat(reply.body()).doesNotContain(MASTERCARD);
        assertThat(reply.json().propertyNames()).containsExactly("id", "orderId", "status", "amount", "currency",
                "cardLast4", "capturedAmount", "refundedAmount", "pspReference", "createdAt", "updatedAt");
    }

    @Test
    default void readsAPaymentBackExactlyAsAuthorized() {
        Api.Reply created = authorized(APPROVED);

        Api.Reply reply = payments().get("/api/payments/" + created.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(created.json());
    }

    @Test
    default void capturesTheFullAmountByDefault() {
        Api.Reply created = authorized(APPROVED);

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/capture", null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("CAPTURED");
        assertThat(reply.text("capturedAmount")).isEqualTo(created.text("amount"));
    }

    @Test
    default void capturesPartOfTheAmount() {
        Api.Reply created = authorized(APPROVED);

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/capture", "{\"amount\":\"1.5\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("capturedAmount")).isEqualTo("1.50");
    }

    @Test
    default void refusesToCaptureTwice() {
        Api.Reply created = authorized(APPROVED);
        payments().post("/api/payments/" + created.id() + "/capture", null);

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/capture", null);

        assertProblem(reply, 409, "illegal-transition");
        assertThat(reply.text("detail")).contains("AUTHORIZED");
    }

    @Test
    default void refusesToCaptureMoreThanAuthorized() {
        Api.Reply created = authorized(APPROVED);

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/capture", "{\"amount\":\"99999.00\"}");

        assertProblem(reply, 409, "amount-exceeds-authorized");
    }

    @Test
    default void refundsPartThenTheRest() {
        Api.Reply created = authorized(APPROVED);
        payments().post("/api/payments/" + created.id() + "/capture", "{\"amount\":\"2.00\"}");

        Api.Reply part = payments().post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"0.50\"}");
        Api.Reply rest = payments().post("/api/payments/" + created.id() + "/refund", "{\"amount\":1.5}");

        assertThat(part.status()).as(part.body()).isEqualTo(200);
        assertThat(part.text("status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(part.text("refundedAmount")).isEqualTo("0.50");
        assertThat(rest.text("status")).isEqualTo("REFUNDED");
        assertThat(rest.text("refundedAmount")).isEqualTo("2.00");
    }

    @Test
    default void refusesToRefundMoreThanCaptured() {
        Api.Reply created = authorized(APPROVED);
        payments().post("/api/payments/" + created.id() + "/capture", "{\"amount\":\"2.00\"}");

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"2.01\"}");

        assertProblem(reply, 409, "refund-exceeds-captured");
    }

    @Test
    default void refusesToRefundWhatWasNeverCaptured() {
        Api.Reply created = authorized(APPROVED);

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"1.00\"}");

        assertProblem(reply, 409, "illegal-transition");
    }

    @Test
    default void refusesToCaptureARefundedPayment() {
        Api.Reply created = authorized(APPROVED);
        payments().post("/api/payments/" + created.id() + "/capture", null);
        payments().post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"" + created.text("amount") + "\"}");

        Api.Reply reply = payments().post("/api/payments/" + created.id() + "/capture", null);

        assertProblem(reply, 409, "illegal-transition");
        assertThat(reply.text("detail")).contains("REFUNDED");
    }

    @Test
    default void refusesToPayAnOrderTwice() {
        long order = shop().newOrder();
        payments().post("/api/payments", authorize(order, APPROVED));

        assertProblem(payments().post("/api/payments", authorize(order, MASTERCARD)), 409, "order-already-paid");
    }

    @Test
    default void declinedCardIs402() {
        assertProblem(payments().post("/api/payments", authorize(shop().newOrder(), DECLINED)), 402, "card-declined");
    }

    @Test
    default void gatewayErrorIs502() {
        assertProblem(payments().post("/api/payments", authorize(shop().newOrder(), GATEWAY_ERROR)), 502,
                "psp-unavailable");
    }

    @Test
    default void gatewayTimeoutIs504() {
        assertProblem(payments().post("/api/payments", authorize(shop().newOrder(), TIMEOUT)), 504, "psp-timeout");
    }

    @Test
    default void unknownOrderIs404AndChargesNothing() {
        long unknown = 987_654_321L;

        assertProblem(payments().post("/api/payments", authorize(unknown, APPROVED)), 404, "unknown-order");
        assertProblem(payments().post("/api/payments", authorize(unknown, APPROVED, "1.00", "EUR")), 404,
                "unknown-order");

        assertThat(chargesFor(unknown)).isZero();
    }

    @Test
    default void aStatedAmountOtherThanTheOrderTotalIs422AndChargesNothing() {
        long order = shop().newOrder();
        String total = shop().order(order).text("total");
        assertThat(total).isNotEqualTo("1.00");

        Api.Reply reply = payments().post("/api/payments", authorize(order, APPROVED, "1.00", "EUR"));

        assertProblem(reply, 422, "amount-mismatch");
        assertThat(chargesFor(order)).isZero();
        assertProblem(payments().post("/api/payments", authorize(order, APPROVED, total, "USD")), 422,
                "amount-mismatch");
        assertThat(chargesFor(order)).isZero();
        assertThat(shop().order(order).text("status")).isEqualTo("AWAITING_PAYMENT");
        // the order can still be paid, for its total
        Api.Reply paid = payments().post("/api/payments", authorize(order, APPROVED, total, "EUR"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.text("amount")).isEqualTo(total);
        assertThat(chargesFor(order)).isOne();
    }

    /** How many authorizations the gateway received for this order (both implementations send {@code order-<id>}). */
    private static long chargesFor(long orderId) {
        String reference = "\"reference\":\"order-" + orderId + "\"";
        return TestLab.psp().authorizationRequests().stream()
                .filter(r -> r.getBodyAsString().replace(" ", "").contains(reference)).count();
    }

    @Test
    default void unknownPaymentIs404() {
        assertProblem(payments().get("/api/payments/999999999999"), 404, "not-found");
        assertProblem(payments().post("/api/payments/999999999999/capture", null), 404, "not-found");
        assertProblem(payments().post("/api/payments/999999999999/refund", "{\"amount\":\"1.00\"}"), 404,
                "not-found");
    }

    @Test
    default void badInputOnEveryEndpointIs4xxProblem() {
        long order = shop().newOrder();
        Api.Reply created = authorized(APPROVED);
        String capture = "/api/payments/" + created.id() + "/capture";
        String refund = "/api/payments/" + created.id() + "/refund";

        assertProblem(payments().post("/api/payments", "{not json"), 400, "malformed-request");
        assertProblem(payments().post("/api/payments", "{\"orderId\":" + order + "}"), 400, "invalid-request");
        assertProblem(payments().post("/api/payments", "{\"orderId\":\"x\",\"cardNumber\":\"" + APPROVED + "\"}"),
                400, "malformed-request");
        assertProblem(payments().post("/api/payments", "{\"orderId\":-1,\"cardNumber\":\"" + APPROVED + "\"}"), 400,
                "invalid-request");
        assertProblem(payments().post("/api/payments", authorize(order, "4242424242424241")), 400,
                "invalid-card-number");
        assertProblem(payments().send("POST", "/api/payments", "text/plain", authorize(order, APPROVED), Map.of()),
                415, "unsupported-media-type");
        assertProblem(payments().get("/api/payments/abc"), 400, "invalid-parameter");
        assertProblem(payments().post(capture, "{\"amount\":\"-1\"}"), 400, "invalid-request");
        assertProblem(payments().post(capture, "{\"amount\":\"1.001\"}"), 400, "invalid-request");
        assertProblem(payments().post(capture, "[1,"), 400, "malformed-request");
        assertProblem(payments().post(refund, "{}"), 400, "invalid-request");
        assertProblem(payments().post(refund, null), 415, "unsupported-media-type");
        assertProblem(payments().send("POST", refund, "application/json", "", Map.of()), 400, "malformed-request");
        assertProblem(payments().send("DELETE", "/api/payments/" + created.id(), null, null, Map.of()), 405,
                "method-not-allowed");

        Api.Reply after = payments().get("/api/payments/" + created.id());
        assertThat(after.json()).isEqualTo(created.json());
        assertThat(shop().order(order).text("status")).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    default void whatTheContainerRejectsIsAProblemToo() {
        // Tomcat refuses these before Spring sees them; its own answer used to be an HTML page
        assertProblem(payments().get("/api/..%2F..%2Fetc/passwd"), 400, "malformed-request");
        Api.Reply longKey = payments().send("POST", "/api/payments", "application/json",
                authorize(shop().newOrder(), APPROVED), Map.of("Idempotency-Key", "k".repeat(10_000)));
        assertThat(longKey.status()).as(longKey.body()).isBetween(400, 499);
        assertThat(longKey.contentType()).startsWith("application/problem+json");
        assertThat(longKey.text("type")).startsWith("/problems/");
        assertThat(longKey.json().get("status").asInt()).isEqualTo(longKey.status());
    }

    @Test
    default void problemDetailsNeverEchoTheCardNumber() {
        Api.Reply reply = payments().post("/api/payments", "{\"orderId\":\"" + APPROVED + "\",\"cardNumber\":\""
                + APPROVED + "\"}");

        // a card number where the order id belongs is coerced to a (non-existent) order id: 404, not echoed
        assertProblem(reply, 404, "unknown-order");
        assertThat(reply.body()).doesNotContain(APPROVED);
    }
}
