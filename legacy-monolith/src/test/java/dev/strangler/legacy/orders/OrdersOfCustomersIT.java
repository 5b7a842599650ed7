package dev.strangler.legacy.orders;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code GET /api/orders?customerId=}: the lookup the extracted customer service asks for customers' orders. */
class OrdersOfCustomersIT extends LabShopTest {

    private long order(long customer, long product, String card) {
        Api.Reply reply = api.post("/api/orders", checkout(customer, product, 1, card));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    private static void assertProblem(Api.Reply reply, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).isEqualTo("/problems/" + type);
    }

    @Test
    void listsTheOrdersOfSeveralCustomersNewestFirst() {
        long ada = fixtures.customer();
        long bob = fixtures.customer();
        long other = fixtures.customer();
        long product = fixtures.product("4.20", 10);
        long adaFirst = order(ada, product, APPROVED);
        long bobs = order(bob, product, null);
        order(other, product, null);
        long adaSecond = order(ada, product, null);

        Api.Reply reply = api.get("/api/orders?customerId=" + ada + "&customerId=" + bob);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(StreamSupport.stream(reply.json().spliterator(), false).map(o -> o.get("id").asLong()))
                .containsExactly(adaSecond, bobs, adaFirst);
        Api.Reply full = api.get("/api/orders/" + adaFirst);
        assertThat(reply.json().get(2).propertyNames())
                .containsExactly("id", "customerId", "status", "total", "currency", "createdAt");
        for (String field : new String[] {"customerId", "status", "total", "currency", "createdAt"}) {
            assertThat(reply.json().get(2).get(field)).as(field).isEqualTo(full.json().get(field));
        }
        assertThat(reply.json().get(2).get("status").asString()).isEqualTo("PAID");
    }

    @Test
    void aCustomerWithoutOrdersOrAnUnknownIdAddsNothing() {
        Api.Reply reply = api.get("/api/orders?customerId=" + fixtures.customer() + "&customerId=987654321");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).isEmpty();
    }

    @Test
    void refusesIdsThatNameNobodyAndTooManyIdsAtOnce() {
        String before = checksum();
        String tooMany = LongStream.rangeClosed(1, Orders.MAX_CUSTOMERS_PER_LOOKUP + 1)
                .mapToObj(i -> "customerId=" + i).collect(Collectors.joining("&"));

        assertProblem(api.get("/api/orders?customerId="), "invalid-parameter");
        assertProblem(api.get("/api/orders?customerId=1&customerId="), "invalid-parameter");
        assertProblem(api.get("/api/orders?customerId=abc"), "invalid-parameter");
        assertProblem(api.get("/api/orders?customerId=0"), "invalid-parameter");
        assertProblem(api.get("/api/orders?" + tooMany), "too-many-customers");
        assertThat(api.get("/api/orders?customerId=abc").text("detail")).doesNotContain("abc");
        assertThat(checksum()).isEqualTo(before);
    }
}
