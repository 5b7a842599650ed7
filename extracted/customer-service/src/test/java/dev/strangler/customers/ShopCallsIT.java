package dev.strangler.customers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.strangler.customers.customer.Customer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the service asks the shop, and what it makes of the answers, with WireMock as the shop: the states a real
 * monolith will not show on demand (payments the service does not count, a lookup past the shop's bound, failures,
 * nonsense, silence).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "customers.shop.connect-timeout=500ms",
    "customers.shop.read-timeout=500ms"
})
class ShopCallsIT extends RunningService {

    private static WireMockServer shop;

    @DynamicPropertySource
    static void wireMockShop(DynamicPropertyRegistry registry) {
        lab(registry, () -> shop().baseUrl());
    }

    private static synchronized WireMockServer shop() {
        if (shop == null) {
            WireMockServer started = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-shop-stop"));
            shop = started;
        }
        return shop;
    }

    @BeforeEach
    void reset() {
        shop().resetAll();
    }

    private long registered() {
        Api.Reply reply = api.post("/api/customers", "{\"email\":\"shop-" + UUID.randomUUID()
                + "@example.test\",\"name\":\"Asked About\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.id();
    }

    private static void ordersAnswer(ResponseDefinitionBuilder answer) {
        shop.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(answer));
    }

    private static void paymentsAnswer(ResponseDefinitionBuilder answer) {
        shop.stubFor(get(urlPathEqualTo("/api/payments")).willReturn(answer));
    }

    private static String order(long id, long customerId) {
        return "{\"id\":" + id + ",\"customerId\":" + customerId + ",\"status\":\"PAID\",\"total\":\"1.00\","
                + "\"currency\":\"EUR\",\"createdAt\":\"2025-01-01T00:00:00Z\"}";
    }

    private static String payment(long id, long orderId, String status, String last4) {
        return "{\"id\":" + id + ",\"orderId\":" + orderId + ",\"status\":\"" + status + "\",\"amount\":\"1.00\","
                + "\"currency\":\"EUR\",\"cardLast4\":\"" + last4 + "\"}";
    }

    private static List<LoggedRequest> asked(String path) {
        return shop.findAll(getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void showsTheCardOfTheNewestPaymentTheMonolithWouldShow() {
        long id = registered();
        ordersAnswer(okJson("[" + order(12, id) + "," + order(11, id) + "]"));
        paymentsAnswer(okJson("[" + payment(1_000_000_006L, 12, "FAILED", "4444") + ","
                + payment(1_000_000_005L, 11, "PENDING", "3333") + "," + payment(99, 999, "AUTHORIZED", "5555") + ","
                + payment(9, 11, "CAPTURED", "2222") + "," + payment(7, 12, "AUTHORIZED", "1111") + "]"));

        Api.Reply reply = api.get("/api/customers/" + id, Map.of("X-Correlation-Id", "ticket-42",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("lastCardLast4")).isEqualTo("2222");
        assertThat(reply.json().has("paymentsUnavailable")).isFalse();
        assertThat(asked("/api/orders")).singleElement().satisfies(request -> {
            assertThat(request.queryParameter("customerId").values()).containsExactly(String.valueOf(id));
            assertThat(request.getHeader("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
            assertThat(request.getHeader("X-Correlation-Id")).isEqualTo("ticket-42");
        });
        assertThat(asked("/api/payments")).singleElement().satisfies(request ->
                assertThat(request.queryParameter("orderId").values()).containsExactlyInAnyOrder("11", "12"));
    }

    @Test
    void asksOnceForAWholePageAndNeverForPaymentsOfNobodysOrders() {
        long first = registered();
        long second = registered();
        ordersAnswer(okJson("[]"));

        Api.Reply page = api.get("/api/customers?size=100");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("items")).allSatisfy(c -> {
            assertThat(c.get("lastCardLast4").isNull()).isTrue();
            assertThat(c.has("paymentsUnavailable")).isFalse();
        });
        assertThat(asked("/api/orders")).singleElement().satisfies(request ->
                assertThat(request.queryParameter("customerId").values())
                        .contains(String.valueOf(first), String.valueOf(second))
                        .hasSize(page.json().get("items").size()));
        assertThat(asked("/api/payments")).isEmpty();
    }

    @Test
    void splitsAPaymentLookupAtTheShopsBoundOf500Orders() {
        long id = registered();
        ordersAnswer(okJson(LongStream.rangeClosed(1, 501).mapToObj(o -> order(o, id))
                .collect(Collectors.joining(",", "[", "]"))));
        paymentsAnswer(okJson("[" + payment(3, 501, "AUTHORIZED", "4242") + "]"));

        Api.Reply reply = api.get("/api/customers/" + id);

        assertThat(reply.text("lastCardLast4")).isEqualTo("4242");
        assertThat(asked("/api/payments")).extracting(r -> r.queryParameter("orderId").values().size())
                .containsExactlyInAnyOrder(500, 1);
    }

    @Test
    void aShopThatFailsOrAnswersNonsenseCostsTheLastCardAndNothingElse() {
        long id = registered();
        List<ResponseDefinitionBuilder> broken = List.of(
                aResponse().withStatus(503),
                aResponse().withStatus(405).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"/problems/method-not-allowed\"}"),
                okJson("{\"items\":[]}"),
                okJson("[{\"orderId\":1}]"),
                aResponse().withStatus(200).withBody("<html>maintenance</html>"));

        for (ResponseDefinitionBuilder answer : broken) {
            shop.resetAll();
            ordersAnswer(okJson("[" + order(1, id) + "]"));
            paymentsAnswer(answer);

            Api.Reply reply = api.get("/api/customers/" + id);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.text("paymentsUnavailable")).isEqualTo(Customer.PAYMENTS_UNAVAILABLE);
            assertThat(reply.json().get("lastCardLast4").isNull()).isTrue();
            assertThat(reply.text("name")).isEqualTo("Asked About");
        }
    }

    @Test
    void aSilentShopCostsAtMostTheReadTimeout() {
        long id = registered();
        ordersAnswer(okJson("[]").withFixedDelay(5_000));

        long started = System.nanoTime();
        Api.Reply reply = api.get("/api/customers/" + id);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("paymentsUnavailable")).isEqualTo(Customer.PAYMENTS_UNAVAILABLE);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theLastCardIsBackAsSoonAsTheShopIs() {
        long id = registered();
        ordersAnswer(aResponse().withStatus(502));
        assertThat(api.get("/api/customers/" + id).text("paymentsUnavailable")).isEqualTo(Customer.PAYMENTS_UNAVAILABLE);

        shop.resetAll();
        ordersAnswer(okJson("[" + order(5, id) + "]"));
        paymentsAnswer(okJson("[" + payment(8, 5, "REFUNDED", "0005") + "]"));
        Api.Reply reply = api.get("/api/customers/" + id);

        assertThat(reply.text("lastCardLast4")).isEqualTo("0005");
        assertThat(reply.json().has("paymentsUnavailable")).isFalse();
    }
}
