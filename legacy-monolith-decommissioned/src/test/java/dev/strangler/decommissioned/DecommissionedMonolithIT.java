package dev.strangler.decommissioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.psp.TestCard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The decommissioned monolith on its own database with the real payment service: the shop still sells, shows,
 * cancels, reports and supports payments, all through the service, and never reads or writes a payment table.
 */
class DecommissionedMonolithIT {

    private static final String CARD = TestCard.VISA_APPROVED.number();

    private static DecommissionedShop lab;
    private static ChildApp service;
    private static ChildApp shop;
    private static String shopDb;
    private static long product;

    @BeforeAll
    static void start() throws Exception {
        lab = DecommissionedShop.start("decom", List.of("--shop.payments.mode-refresh=200ms"));
        service = lab.service();
        shop = lab.shop();
        shopDb = lab.shopDb();
        product = lab.product();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void sellsAndShowsPaymentsThroughTheService() throws Exception {
        long customer = customer("buyer");
        JsonNode order = checkout(customer);

        assertThat(order.at("/payment/status").asString()).isEqualTo("AUTHORIZED");
        long paymentId = order.at("/payment/id").asLong();
        assertThat(paymentId).as("the service's id range").isGreaterThanOrEqualTo(1_000_000_000L);

        JsonNode shown = shop.get("/api/orders/" + order.get("id").asLong()).json();
        assertThat(shown.at("/payment/id").asLong()).isEqualTo(paymentId);
        assertThat(shown.at("/payment/cardLast4").asString()).isEqualTo("4242");
        assertThat(shop.get("/api/customers/" + customer).json().get("lastCardLast4").asString()).isEqualTo("4242");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode report = shop.get("/api/reports/sales?from=" + today + "&to=" + today).json();
        assertThat(report.get("payments").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.at("/paymentsByStatus/AUTHORIZED").asLong()).isGreaterThanOrEqualTo(1);

        assertThat(count("select count(*) from payments")).as("the shop's own payment table").isZero();
    }

    @Test
    void cancellingAnOrderVoidsItsPaymentAtTheGateway() {
        JsonNode order = checkout(customer("canceller"));
        long paymentId = order.at("/payment/id").asLong();

        ChildApp.Reply cancelled = shop.post("/api/orders/" + order.get("id").asLong() + "/cancel", "");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().at("/payment/status").asString()).isEqualTo("VOIDED");
        assertThat(service.get("/api/payments/" + paymentId).json().get("status").asString()).isEqualTo("VOIDED");
        String reference = service.get("/api/payments/" + paymentId).json().get("pspReference").asString();
        assertThat(TestLab.psp().server().getAllServeEvents())
                .anyMatch(e -> e.getRequest().getUrl().equals("/v1/authorizations/" + reference + "/void"));
    }

    @Test
    void supportOverridesGoThroughThePaymentRules() {
        long paymentId = checkout(customer("support")).at("/payment/id").asLong();

        ChildApp.Reply captured = shop.post("/api/support/payments/" + paymentId + "/status",
                "{\"status\":\"CAPTURED\",\"note\":\"customer called\"}");
        ChildApp.Reply declined = shop.post("/api/support/payments/" + paymentId + "/status",
                "{\"status\":\"DECLINED\"}");
        ChildApp.Reply unknown = shop.post("/api/support/payments/999999999999/status", "{\"status\":\"VOIDED\"}");

        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.json().get("previousStatus").asString()).isEqualTo("AUTHORIZED");
        JsonNode atService = service.get("/api/payments/" + paymentId).json();
        assertThat(atService.get("status").asString()).isEqualTo("CAPTURED");
        assertThat(atService.get("capturedAmount").asString()).isEqualTo("12.50");
        assertThat(declined.status()).isEqualTo(409);
        assertThat(declined.json().get("type").asString()).endsWith("/override-not-supported");
        assertThat(service.get("/api/payments/" + paymentId).json().get("status").asString()).isEqualTo("CAPTURED");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void staysRemoteWhateverTheSettingSays() throws Exception {
        try (Connection c = DriverManager.getConnection(shopDb); Statement s = c.createStatement()) {
            s.executeUpdate("insert into shop_settings (name, value, updated_at) values ('payments.mode', 'in-process',"
                    + " now()) on conflict (name) do update set value = excluded.value");
        }
        try {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
                JsonNode info = shop.get("/actuator/info").json();
                return info.at("/payments/mode").asString().equals("remote")
                        && !info.at("/payments/inProcessAvailable").asBoolean(true);
            });
        } finally {
            try (Connection c = DriverManager.getConnection(shopDb); Statement s = c.createStatement()) {
                s.executeUpdate("delete from shop_settings where name = 'payments.mode'");
            }
        }
        assertThat(checkout(customer("after-setting")).at("/payment/status").asString()).isEqualTo("AUTHORIZED");
    }

    @Test
    void carriesNoCopyOfTheOldMonolith() throws Exception {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile("target/legacy-monolith-decommissioned.jar")) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .contains("BOOT-INF/classes/dev/strangler/legacy/orders/internal/PaymentApiOrderPayments.class")
                    .noneMatch(n -> n.startsWith("BOOT-INF/lib/legacy-monolith"))
                    .noneMatch(n -> n.endsWith("/SharedTableOrderPayments.class"));
        }
    }

    @Test
    void hasNoSeedFeature() {
        assertThat(shop.post("/internal/seed", "{\"orders\":10}").status()).isEqualTo(404);
    }

    private static long customer(String name) {
        ChildApp.Reply reply = shop.post("/api/customers",
                "{\"email\":\"" + name + "-" + System.nanoTime() + "@example.com\",\"name\":\"" + name + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asLong();
    }

    private static JsonNode checkout(long customer) {
        ChildApp.Reply reply = shop.post("/api/orders", "{\"customerId\":" + customer + ",\"items\":[{\"productId\":"
                + product + ",\"quantity\":1}],\"cardNumber\":\"" + CARD + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(shopDb); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
