package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The amount charged is the order's, whatever the caller says: refused requests store nothing in any of the
 * service's tables (the contract checks the gateway saw nothing).
 */
class OrderAmountIT extends ServiceTest {

    @Test
    void aWrongAmountStoresNothing() {
        long order = monolith().newOrder();
        String before = tableCounts();

        Api.Reply reply = api.post("/api/payments", authorize(order, APPROVED, "1.00", "EUR"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void anUnknownOrderStoresNothing() {
        String before = tableCounts();

        // with an amount, as the defect was found: the service used to charge it without asking for the order
        Api.Reply reply = api.post("/api/payments", authorize(99_999_999L, APPROVED, "1.00", "EUR"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(api.get("/api/payments?orderId=99999999").body()).isEqualTo("[]");
    }

    @Test
    void aShadowedDryRunOfAWrongAmountIsRefusedToo() {
        long order = monolith().newOrder();
        String before = tableCounts();

        Api.Reply reply = api.send("POST", "/api/payments", "application/json",
                authorize(order, APPROVED, "1.00", "EUR"), Map.of("X-Strangler-Shadow", "dry-run"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void aPaidOrderCannotBePaidAgainWithANewKey() {
        long order = monolith().newOrder();
        String total = monolith().order(order).text("total");
        assertThat(api.post("/api/payments", authorize(order, APPROVED, total, "EUR")).status()).isEqualTo(201);

        Api.Reply again = api.send("POST", "/api/payments", "application/json", authorize(order, APPROVED),
                Map.of("Idempotency-Key", "another-key-" + order));

        assertThat(again.status()).as(again.body()).isEqualTo(409);
    }
}
