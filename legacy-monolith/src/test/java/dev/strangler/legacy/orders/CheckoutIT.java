package dev.strangler.legacy.orders;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.DECLINED;
import static dev.strangler.legacy.Fixtures.GATEWAY_ERROR;
import static dev.strangler.legacy.Fixtures.TIMEOUT;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckoutIT extends LabShopTest {

    @Test
    void placesPaidOrderWithLinesStockAndAuthorizedPayment() {
        long customer = fixtures.customer();
        long product = fixtures.product("12.50", 10);
        psp().resetJournal();

        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 2, APPROVED));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.location()).endsWith("/api/orders/" + reply.id());
        assertThat(reply.text("status")).isEqualTo("PAID");
        assertThat(reply.text("total")).isEqualTo("25.00");
        assertThat(reply.json().get("lines")).hasSize(1);
        assertThat(reply.json().get("payment").get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(reply.json().get("payment").get("cardLast4").asString()).isEqualTo("4242");
        assertThat(reply.body()).doesNotContain(APPROVED);
        assertThat(fixtures.stock(product)).isEqualTo(8);
        assertThat(psp().authorizationRequests()).singleElement().satisfies(request -> {
            assertThat(request.getHeader("Idempotency-Key")).isNotBlank();
            assertThat(request.getBodyAsString()).contains("\"amount\":\"25.00\"", "\"reference\":\"order-" + reply.id());
        });
    }

    @Test
    void placesOrderAwaitingPaymentWithoutCard() {
        long product = fixtures.product("3.00", 5);

        Api.Reply reply = api.post("/api/orders", checkout(fixtures.customer(), product, 1, null));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(reply.json().get("payment").isNull()).isTrue();
        assertThat(fixtures.stock(product)).isEqualTo(4);
    }

    @Test
    void declinedCardLeavesNoOrderNoPaymentAndStockUnchanged() {
        long customer = fixtures.customer();
        long product = fixtures.product("40.00", 3);
        String before = checksum();

        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 1, DECLINED));

        assertThat(reply.status()).isEqualTo(402);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/card-declined");
        assertThat(reply.body()).doesNotContain(DECLINED);
        assertThat(checksum()).isEqualTo(before);
        assertThat(fixtures.stock(product)).isEqualTo(3);
    }

    @Test
    void gatewayTimeoutIsCutByTheClientAndLeavesNothing() {
        long customer = fixtures.customer();
        long product = fixtures.product("40.00", 3);
        String before = checksum();
        Instant start = Instant.now();

        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 1, TIMEOUT));

        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.text("type")).isEqualTo("/problems/psp-timeout");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void gatewayErrorGives502AndLeavesNothing() {
        long customer = fixtures.customer();
        long product = fixtures.product("40.00", 3);
        String before = checksum();

        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 1, GATEWAY_ERROR));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.text("type")).isEqualTo("/problems/psp-unavailable");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void rejectsMoreThanTheStockWithoutChangingAnything() {
        long customer = fixtures.customer();
        long product = fixtures.product("1.00", 2);
        String before = checksum();

        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 3, APPROVED));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo("/problems/out-of-stock");
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void mergesRepeatedProductsIntoOneLine() {
        long product = fixtures.product("2.00", 10);
        String body = "{\"customerId\":" + fixtures.customer() + ",\"items\":[{\"productId\":" + product
                + ",\"quantity\":1},{\"productId\":" + product + ",\"quantity\":2}]}";

        Api.Reply reply = api.post("/api/orders", body);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("lines")).singleElement()
                .satisfies(line -> assertThat(line.get("quantity").asInt()).isEqualTo(3));
        assertThat(reply.text("total")).isEqualTo("6.00");
    }

    @Test
    void looksUpOrderWithLinesAndPayment() {
        long product = fixtures.product("9.99", 10);
        long order = api.post("/api/orders", checkout(fixtures.customer(), product, 1, APPROVED)).id();

        Api.Reply reply = api.get("/api/orders/" + order);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("lines").get(0).get("unitPrice").asString()).isEqualTo("9.99");
        assertThat(reply.json().get("payment").get("amount").asString()).isEqualTo("9.99");
    }

    @Test
    void unknownOrderIs404Problem() {
        Api.Reply reply = api.get("/api/orders/987654321");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void cancellingRestocksAndVoidsTheAuthorizedPayment() {
        long product = fixtures.product("5.00", 10);
        long order = api.post("/api/orders", checkout(fixtures.customer(), product, 4, APPROVED)).id();

        Api.Reply reply = api.post("/api/orders/" + order + "/cancel", null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("CANCELLED");
        assertThat(reply.json().get("payment").get("status").asString()).isEqualTo("VOIDED");
        assertThat(fixtures.stock(product)).isEqualTo(10);
    }

    @Test
    void refusesToCancelACapturedOrder() {
        long product = fixtures.product("5.00", 10);
        Api.Reply order = api.post("/api/orders", checkout(fixtures.customer(), product, 1, APPROVED));
        long payment = order.json().get("payment").get("id").asLong();
        assertThat(api.post("/api/payments/" + payment + "/capture", null).status()).isEqualTo(200);
        String before = checksum();

        Api.Reply reply = api.post("/api/orders/" + order.id() + "/cancel", null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text("type")).isEqualTo("/problems/order-captured");
        assertThat(checksum()).isEqualTo(before);
    }
}
