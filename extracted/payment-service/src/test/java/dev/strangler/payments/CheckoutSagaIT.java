package dev.strangler.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monolith in {@code remote} payment mode against the real service jar, and the service killed with -9 in the
 * middle of concurrent checkouts. Once the service is back, every order must be confirmed-and-paid (PAID, one
 * payment holding money) or cancelled-and-unpaid (CANCELLED, none), with the stock of every cancelled order back.
 */
class CheckoutSagaIT {

    /** A Mastercard test PAN the fake PSP answers slowly here, so that kills land while authorizations are in flight. */
    private static final String SLOW_CARD = "5105105105105100";

    private static PaymentServiceProcess service;
    private static String serviceDb;
    private static Monolith shop;
    private static StubMapping slow;

    @BeforeAll
    static void start() {
        slow = TestLab.psp().server().stubFor(post(urlEqualTo("/v1/authorizations")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.card_number", equalTo(SLOW_CARD)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withFixedDelay(300)
                        .withBody("{\"id\":\"auth_{{randomValue type='UUID'}}\",\"status\":\"AUTHORIZED\"}")
                        .withTransformers("response-template")));
        int shopPort = Ports.freePort();
        service = new PaymentServiceProcess(Ports.freePort(), List.of(
                "--spring.datasource.url=" + (serviceDb = TestLab.freshDatabase(TestLab.paymentsPostgres(), "saga")),
                "--payments.psp.base-url=" + TestLab.psp().baseUrl(),
                "--payments.psp.read-timeout=2s",
                "--payments.orders.base-url=http://127.0.0.1:" + shopPort,
                "--payments.reconcile.every=500ms",
                "--payments.reconcile.after=3s",
                "--payments.idempotency.in-flight-timeout=3s")).start();
        shop = Monolith.start("monolith-remote", shopPort, List.of(
                "--shop.payments.mode=remote",
                "--shop.payments.remote-base-url=" + service.baseUrl(),
                "--shop.payments.remote-read-timeout=4s",
                "--shop.payments.remote-attempts=2",
                "--shop.payments.saga-grace=5s",
                "--shop.payments.saga-recovery-every=500ms"));
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
        if (service != null) {
            service.close();
        }
        TestLab.psp().server().removeStub(slow);
    }

    private static String checkout(int product, String card) {
        return "{\"customerId\":1,\"items\":[{\"productId\":" + product + ",\"quantity\":1}],\"cardNumber\":\""
                + card + "\"}";
    }

    @Test
    void aCheckoutPaysThroughTheServiceAndADeclineCancelsTheOrder() {
        Api.Reply paid = shop.api().post("/api/orders", checkout(7, Cards.APPROVED));
        Api.Reply declined = shop.api().post("/api/orders", checkout(7, Cards.DECLINED));

        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.text("status")).isEqualTo("PAID");
        Api.Reply payments = new Api(service.baseUrl()).get("/api/payments?orderId=" + paid.id());
        assertThat(payments.json().get(0).get("status").asString()).isEqualTo("AUTHORIZED");
        // the checkout answers with its payment, as in-process, though no bridge copies it back in this test
        assertThat(paid.json().get("payment").get("id").asLong()).isEqualTo(payments.json().get(0).get("id").asLong());
        assertThat(paid.json().get("payment").get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(paid.json().get("payment").get("cardLast4").asString()).isEqualTo("4242");
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.text("type")).isEqualTo("/problems/card-declined");
        // the payment endpoints of the monolith now answer from the service, too
        Api.Reply viaShop = shop.api().get("/api/payments/" + payments.json().get(0).get("id").asLong());
        assertThat(viaShop.status()).isEqualTo(200);
        assertThat(viaShop.text("amount")).isEqualTo(paid.text("total"));
    }

    @Test
    void killingThePaymentServiceMidCheckoutLeavesNoOrderHalfDone() throws Exception {
        int before = totalStock();
        long firstOrder = shopDb(db -> ((Number) db.fetchValue("select coalesce(max(id), 0) from orders")).longValue());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            load.submit(() -> {
                int i = 0;
                while (running.get()) {
                    int product = 20 + (thread * 40 + i++ % 40);
                    try {
                        Api.Reply reply = shop.api().post("/api/orders", checkout(product, SLOW_CARD));
                        statuses.merge(reply.status(), 1, Integer::sum);
                    } catch (RuntimeException e) {
                        statuses.merge(-1, 1, Integer::sum);
                    }
                    attempts.incrementAndGet();
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= 12);
        service.kill();
        int atKill = attempts.get();
        System.out.printf("killed the payment service after %d checkouts; payments left PENDING by the kill: %d%n",
                atKill, pendingPayments());
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts.get() >= atKill + 8);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        service.start();

        await("every saga settled").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> shopDb(db -> db.fetchCount(DSL.table("checkout_sagas"),
                        DSL.field("state").in("AUTHORIZING", "UNKNOWN"))) == 0);

        Api payments = new Api(service.baseUrl());
        List<Long> paid = new ArrayList<>();
        List<Object[]> orders = shopDb(db -> db.fetch("select o.id, o.status from orders o join checkout_sagas s "
                + "on s.order_id = o.id where o.id > ?", firstOrder).map(r -> new Object[] {r.get(0, Long.class), r.get(1, String.class)}));
        assertThat(orders).hasSizeGreaterThanOrEqualTo(20);
        for (Object[] order : orders) {
            long id = (Long) order[0];
            List<String> states = new ArrayList<>();
            payments.get("/api/payments?orderId=" + id).json().forEach(p -> states.add(p.get("status").asString()));
            long holdingMoney = states.stream().filter(s -> s.equals("AUTHORIZED")).count();
            switch ((String) order[1]) {
                case "PAID" -> {
                    assertThat(holdingMoney).as("order %d paid once: %s", id, states).isEqualTo(1);
                    paid.add(id);
                }
                case "CANC" -> assertThat(holdingMoney).as("order %d cancelled, unpaid: %s", id, states).isZero();
                default -> throw new AssertionError("order " + id + " left " + order[1] + " with " + states);
            }
            assertThat(states).as("order %d", id).doesNotContain("PENDING");
        }
        assertThat(paid).isNotEmpty();
        assertThat(statuses).as("checkouts failed while the service was down").containsKey(502);
        // compensation put back the stock of every cancelled order
        assertThat(totalStock()).isEqualTo(before - paid.size());
    }

    private static int pendingPayments() {
        try (Connection c = DriverManager.getConnection(serviceDb)) {
            return DSL.using(c, SQLDialect.POSTGRES).fetchCount(DSL.table("payments"), DSL.field("status").eq("PENDING"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int totalStock() {
        return shopDb(db -> ((Number) db.fetchValue("select sum(stock) from inventory")).intValue());
    }

    private static <T> T shopDb(java.util.function.Function<DSLContext, T> query) {
        try (Connection c = DriverManager.getConnection(shop.databaseUrl())) {
            return query.apply(DSL.using(c, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
