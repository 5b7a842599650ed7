package dev.strangler.legacy.payments;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.DECLINED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import org.junit.jupiter.api.Test;

class PaymentsIT extends LabShopTest {

    private Api.Reply authorize(long orderId, String card) {
        return api.post("/api/payments", "{\"orderId\":" + orderId + ",\"cardNumber\":\"" + card + "\"}");
    }

    @Test
    void authorizesTheOrderTotalLater() {
        long order = fixtures.unpaidOrder("25.00");

        Api.Reply reply = authorize(order, "5555 5555 5555 4444");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().get("id").isNumber()).isTrue();
        assertThat(reply.json().get("orderId").asLong()).isEqualTo(order);
        assertThat(reply.text("status")).isEqualTo("AUTHORIZED");
        assertThat(reply.text("amount")).isEqualTo("25.00");
        assertThat(reply.text("currency")).isEqualTo("EUR");
        assertThat(reply.text("cardLast4")).isEqualTo("4444");
        assertThat(reply.text("capturedAmount")).isEqualTo("0.00");
        assertThat(reply.text("refundedAmount")).isEqualTo("0.00");
        assertThat(reply.text("pspReference")).startsWith("auth_");
        assertThat(reply.text("createdAt")).endsWith("Z");
        assertThat(reply.body()).doesNotContain("5555555555554444");
        assertThat(api.get("/api/orders/" + order).text("status")).isEqualTo("PAID");
    }

    @Test
    void readsAPaymentBackExactlyAsAuthorized() {
        Api.Reply created = authorize(fixtures.unpaidOrder("7.10"), APPROVED);

        Api.Reply reply = api.get("/api/payments/" + created.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(created.json());
    }

    @Test
    void capturesTheFullAmountByDefault() {
        long payment = fixtures.authorizedPayment("30.00");

        Api.Reply reply = api.post("/api/payments/" + payment + "/capture", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("CAPTURED");
        assertThat(reply.text("capturedAmount")).isEqualTo("30.00");
    }

    @Test
    void capturesPartOfTheAmount() {
        long payment = fixtures.authorizedPayment("30.00");

        Api.Reply reply = api.post("/api/payments/" + payment + "/capture", "{\"amount\":\"12.5\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("capturedAmount")).isEqualTo("12.50");
    }

    @Test
    void refusesToCaptureTwice() {
        long payment = fixtures.authorizedPayment("30.00");
        api.post("/api/payments/" + payment + "/capture", null);
        String before = checksum();

        Api.Reply reply = api.post("/api/payments/" + payment + "/capture", null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/illegal-transition");
        assertThat(reply.text("detail")).contains("AUTHORIZED");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void refusesToCaptureMoreThanAuthorized() {
        long payment = fixtures.authorizedPayment("30.00");

        Api.Reply reply = api.post("/api/payments/" + payment + "/capture", "{\"amount\":\"30.01\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo("/problems/amount-exceeds-authorized");
    }

    @Test
    void refundsPartlyThenFully() {
        long payment = fixtures.authorizedPayment("30.00");
        api.post("/api/payments/" + payment + "/capture", null);

        Api.Reply partly = api.post("/api/payments/" + payment + "/refund", "{\"amount\":\"10.00\"}");
        Api.Reply fully = api.post("/api/payments/" + payment + "/refund", "{\"amount\":20}");

        assertThat(partly.status()).isEqualTo(200);
        assertThat(partly.text("status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(partly.text("refundedAmount")).isEqualTo("10.00");
        assertThat(fully.status()).isEqualTo(200);
        assertThat(fully.text("status")).isEqualTo("REFUNDED");
        assertThat(fully.text("refundedAmount")).isEqualTo("30.00");
    }

    @Test
    void refusesToRefundMoreThanCaptured() {
        long payment = fixtures.authorizedPayment("30.00");
        api.post("/api/payments/" + payment + "/capture", "{\"amount\":\"20.00\"}");
        String before = checksum();

        Api.Reply reply = api.post("/api/payments/" + payment + "/refund", "{\"amount\":\"20.01\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo("/problems/refund-exceeds-captured");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void refusesToRefundAnUncapturedPayment() {
        long payment = fixtures.authorizedPayment("30.00");

        Api.Reply reply = api.post("/api/payments/" + payment + "/refund", "{\"amount\":\"1.00\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo("/problems/illegal-transition");
    }

    @Test
    void refusesToCaptureARefundedPayment() {
        long payment = fixtures.authorizedPayment("30.00");
        api.post("/api/payments/" + payment + "/capture", null);
        api.post("/api/payments/" + payment + "/refund", "{\"amount\":\"30.00\"}");

        Api.Reply reply = api.post("/api/payments/" + payment + "/capture", null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("detail")).contains("REFUNDED");
    }

    @Test
    void refusesToPayAnOrderTwice() {
        long order = fixtures.unpaidOrder("4.00");
        authorize(order, APPROVED);
        String before = checksum();

        Api.Reply reply = authorize(order, APPROVED);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo("/problems/order-already-paid");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void declineStoresNothing() {
        long order = fixtures.unpaidOrder("4.00");
        String before = checksum();

        Api.Reply reply = authorize(order, DECLINED);

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.text("type")).isEqualTo("/problems/card-declined");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void unknownPaymentIs404Problem() {
        assertThat(api.get("/api/payments/99999999").status()).isEqualTo(404);
        assertThat(api.post("/api/payments/99999999/capture", null).status()).isEqualTo(404);
        Api.Reply refund = api.post("/api/payments/99999999/refund", "{\"amount\":\"1.00\"}");
        assertThat(refund.status()).isEqualTo(404);
        assertThat(refund.text("type")).isEqualTo("/problems/not-found");
    }

    @Test
    void unknownOrderCannotBePaid() {
        Api.Reply reply = authorize(99999999, APPROVED);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text("type")).isEqualTo("/problems/unknown-order");
    }
}
