package dev.strangler.legacy.payments;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/payments?orderId=}: the payment service's lookup of several orders' payments, served by the shop
 * too, so that a caller gets an answer whichever side the proxy routes payments to.
 */
class PaymentsOfOrdersIT extends LabShopTest {

    private Api.Reply authorize(long orderId, String card) {
        Api.Reply reply = api.post("/api/payments", "{\"orderId\":" + orderId + ",\"cardNumber\":\"" + card + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }

    @Test
    void listsThePaymentsOfSeveralOrdersNewestFirst() {
        long first = fixtures.unpaidOrder("1.00");
        long second = fixtures.unpaidOrder("2.00");
        long third = fixtures.unpaidOrder("3.00");
        Api.Reply a = authorize(first, APPROVED);
        Api.Reply b = authorize(second, "5555555555554444");
        authorize(third, APPROVED);

        Api.Reply list = api.get("/api/payments?orderId=" + first + "&orderId=" + second + "&orderId=" + first);

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(StreamSupport.stream(list.json().spliterator(), false).map(p -> p.get("id").asLong()))
                .containsExactly(b.id(), a.id());
        assertThat(list.json().get(0)).isEqualTo(b.json());
        assertThat(list.json().get(0).get("cardLast4").asString()).isEqualTo("4444");
        assertThat(list.body()).doesNotContain("5555555555554444");
    }

    @Test
    void anOrderWithoutPaymentsAddsNothing() {
        Api.Reply list = api.get("/api/payments?orderId=" + fixtures.unpaidOrder("1.00"));

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json()).isEmpty();
    }

    @Test
    void refusesAnEmptyIdAndTooManyOrdersAtOnce() {
        String tooMany = LongStream.rangeClosed(1, PaymentController.MAX_ORDERS_PER_LOOKUP + 1)
                .mapToObj(i -> "orderId=" + i).collect(Collectors.joining("&"));

        assertProblem(api.get("/api/payments?orderId="), "invalid-parameter");
        assertProblem(api.get("/api/payments?orderId=x"), "invalid-parameter");
        assertProblem(api.get("/api/payments?" + tooMany), "too-many-orders");
    }

    private static void assertProblem(Api.Reply reply, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/" + type);
    }
}
