package dev.strangler.legacy.support;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import org.junit.jupiter.api.Test;

/**
 * Behaviour that exists only because features share the payments table. Each test names its TANGLE step; when a
 * migration step removes a tangle, its test here must change with it.
 */
class TanglesIT extends LabShopTest {

    @Test
    void step1OrderLookupShowsThePaymentReadFromThePaymentsTable() {
        long order = api.post("/api/orders", checkout(fixtures.customer(), fixtures.product("3.00", 5), 1, APPROVED)).id();

        Api.Reply reply = api.get("/api/orders/" + order);

        assertThat(reply.json().get("payment").get("cardLast4").asString()).isEqualTo("4242");
    }

    @Test
    void step2DeclineRollsBackTheWholeCheckoutTransaction() {
        long customer = fixtures.customer();
        long product = fixtures.product("3.00", 5);
        long ordersBefore = db.fetchCount(db.selectFrom("orders"));

        api.post("/api/orders", checkout(customer, product, 1, "4000000000009995"));

        assertThat(db.fetchCount(db.selectFrom("orders"))).isEqualTo(ordersBefore);
        assertThat(fixtures.stock(product)).isEqualTo(5);
    }

    @Test
    void step3CancellingAnOrderVoidsItsPaymentWithoutTheGateway() {
        long order = api.post("/api/orders", checkout(fixtures.customer(), fixtures.product("3.00", 5), 1, APPROVED)).id();
        long payment = api.get("/api/orders/" + order).json().get("payment").get("id").asLong();
        psp().resetJournal();

        api.post("/api/orders/" + order + "/cancel", null);

        assertThat(api.get("/api/payments/" + payment).text("status")).isEqualTo("VOIDED");
        assertThat(psp().server().getAllServeEvents()).isEmpty();
    }

    @Test
    void step4SalesReportCountsPaymentsJoinedWithOrders() {
        fixtures.authorizedPayment("3.00");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        Api.Reply report = api.get("/api/reports/sales?from=" + today + "&to=" + today);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("payments").asLong()).isPositive();
    }

    @Test
    void step5SupportOverridesAPaymentStatusBypassingTheRules() {
        long payment = fixtures.authorizedPayment("3.00");
        psp().resetJournal();

        Api.Reply reply = api.post("/api/support/payments/" + payment + "/status",
                "{\"status\":\"REFUNDED\",\"note\":\"customer called\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("previousStatus")).isEqualTo("AUTHORIZED");
        Api.Reply after = api.get("/api/payments/" + payment);
        assertThat(after.text("status")).isEqualTo("REFUNDED");
        assertThat(after.text("refundedAmount")).isEqualTo("0.00");
        assertThat(psp().server().getAllServeEvents()).isEmpty();
    }

    @Test
    void step6CustomerShowsTheLastCardCutFromTheRawPan() {
        long customer = fixtures.customer();
        api.post("/api/orders", checkout(customer, fixtures.product("3.00", 5), 1, "5555555555554444"));

        Api.Reply reply = api.get("/api/customers/" + customer);

        assertThat(reply.text("lastCardLast4")).isEqualTo("4444");
    }
}
