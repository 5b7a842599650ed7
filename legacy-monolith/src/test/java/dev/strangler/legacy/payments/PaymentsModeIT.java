package dev.strangler.legacy.payments;

import static dev.strangler.legacy.Fixtures.APPROVED;
import static dev.strangler.legacy.Fixtures.checkout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.legacy.Api;
import dev.strangler.legacy.LabShopTest;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The payment seam switched while the shop runs, through the {@code shop_settings} row the playbook writes: no
 * restart, the next checkout takes the other side, and removing the row returns to the configured mode.
 */
class PaymentsModeIT extends LabShopTest {

    @org.springframework.beans.factory.annotation.Autowired
    dev.strangler.legacy.payments.internal.SettingPaymentsMode paymentsMode;

    @AfterEach
    void backToTheConfiguredMode() {
        db.deleteFrom(DSL.table("shop_settings")).where(DSL.field("name").eq(PaymentsMode.SETTING)).execute();
        await().atMost(Duration.ofSeconds(10)).until(() -> mode().equals("in-process"));
    }

    @Test
    void aSettingSwitchesCheckoutToTheRemoteServiceAndBackWithoutARestart() {
        assertThat(mode()).isEqualTo("in-process");
        long customer = fixtures.customer();
        long product = fixtures.product("9.00", 10);

        db.insertInto(DSL.table("shop_settings"), DSL.field("name"), DSL.field("value"))
                .values(PaymentsMode.SETTING, "remote").execute();
        await().atMost(Duration.ofSeconds(10)).until(() -> mode().equals("remote"));
        psp().resetJournal();
        Api.Reply remote = api.post("/api/orders", checkout(customer, product, 1, APPROVED));
        // no payment service listens in this test: the remote side is tried, the shop's own gateway is not
        assertThat(remote.status()).as(remote.body()).isNotEqualTo(201);
        assertThat(psp().authorizationRequests()).as("the monolith no longer calls the gateway itself").isEmpty();

        db.deleteFrom(DSL.table("shop_settings")).where(DSL.field("name").eq(PaymentsMode.SETTING)).execute();
        await().atMost(Duration.ofSeconds(10)).until(() -> mode().equals("in-process"));
        Api.Reply local = api.post("/api/orders", checkout(customer, product, 1, APPROVED));
        assertThat(local.status()).as(local.body()).isEqualTo(201);
        assertThat(local.text("status")).isEqualTo("PAID");
        assertThat(psp().authorizationRequests()).hasSize(1);
    }

    @Test
    void aMeaninglessSettingIsIgnored() {
        db.insertInto(DSL.table("shop_settings"), DSL.field("name"), DSL.field("value"))
                .values(PaymentsMode.SETTING, "elsewhere").execute();
        paymentsMode.refresh(); // what the schedule runs every second

        assertThat(paymentsMode.mode()).isEqualTo("in-process");
        assertThat(mode()).isEqualTo("in-process");
    }

    private String mode() {
        return api.get("/actuator/info").json().path("payments").path("mode").asString();
    }
}
