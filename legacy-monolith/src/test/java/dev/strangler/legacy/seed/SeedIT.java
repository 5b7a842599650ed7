package dev.strangler.legacy.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.DbChecksum;
import dev.strangler.legacy.LabShopTest;
import org.junit.jupiter.api.Test;

/** Seeding wipes the shared database: every other IT creates its own data in {@code @BeforeEach}, so that is fine. */
class SeedIT extends LabShopTest {

    @Test
    void sameOrderCountGivesIdenticalRows() {
        Api.Reply first = api.post("/internal/seed", "{\"orders\":300}");
        String afterFirst = checksum();
        api.post("/api/customers", "{\"email\":\"noise@example.test\",\"name\":\"Noise\"}");

        Api.Reply second = api.post("/internal/seed", "{\"orders\":300}");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(checksum()).isEqualTo(afterFirst);
        assertThat(DbChecksum.of(db, "payments", "id")).isNotEqualTo("empty");
    }

    @Test
    void reportsCountsAndMixesPaymentStatuses() {
        Api.Reply reply = api.post("/internal/seed", "{\"orders\":1000}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("orders").asLong()).isEqualTo(1000);
        assertThat(reply.json().get("customers").asLong()).isEqualTo(100);
        assertThat(reply.json().get("products").asLong()).isEqualTo(200);
        assertThat(reply.json().get("orderLines").asLong()).isGreaterThan(1000);
        assertThat(db.fetchCount(db.selectFrom("orders"))).isEqualTo(1000);
        assertThat(db.fetch("select distinct status from payments").getValues(0, String.class))
                .contains("AUTH", "CAPT", "PRFD", "RFND", "VOID", "DECL");
        long foreignPans = ((Number) db.fetchValue("select count(*) from payments where card_number not in ("
                + "'4242424242424242','5555555555554444','4000056655665556','5200828282828210',"
                + "'378282246310005','6011111111111117','3566002020360505','4111111111111111')")).longValue();
        assertThat(foreignPans).isZero();
    }

    @Test
    void seedsTenThousandOrdersAndNewRowsGetFreshIds() {
        Api.Reply reply = api.post("/internal/seed", "{\"orders\":10000}");
        long customers = reply.json().get("customers").asLong();

        long newCustomer = fixtures.customer();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(newCustomer).isEqualTo(customers + 1);
        assertThat(api.get("/api/customers/" + newCustomer).status()).isEqualTo(200);
    }

    @Test
    void smallSeedStillHasTenCustomers() {
        Api.Reply reply = api.post("/internal/seed", "{\"orders\":5}");

        assertThat(reply.json().get("customers").asLong()).isEqualTo(10);
        assertThat(reply.json().get("orders").asLong()).isEqualTo(5);
    }

    @Test
    void salesReportAddsUpTheSeededPayments() {
        api.post("/internal/seed", "{\"orders\":500}");

        Api.Reply report = api.get("/api/reports/sales?from=2025-01-01&to=2025-12-31");

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("orders").asLong()).isEqualTo(500);
        String net = db.fetchValue("select sum(captured_amount - refunded_amount) from payments").toString();
        assertThat(report.text("net")).isEqualTo(net);
        assertThat(report.json().get("topCustomers")).hasSize(5);
        assertThat(report.json().get("paymentsByStatus").get("CAPTURED").asLong()).isPositive();
    }
}
