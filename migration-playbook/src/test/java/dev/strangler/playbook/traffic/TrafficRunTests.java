package dev.strangler.playbook.traffic;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.strangler.lab.process.Ports;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrafficRunTests {

    private final ShopStandIn shop = new ShopStandIn();

    @AfterEach
    void stopShop() {
        shop.close();
    }

    private static TrafficSummary runToEnd(TrafficSettings settings) throws InterruptedException {
        try (TrafficRun run = TrafficRun.start(settings)) {
            assertThat(run.awaitCompletion(Duration.ofSeconds(60))).as("run finished").isTrue();
            return run.summary();
        }
    }

    @Test
    void sendsTheShopMixAtTheAskedRateAndCountsDeclinesAsExpected() throws Exception {
        TrafficSummary summary = runToEnd(TrafficSettings.of(shop.uri(), 100, Duration.ofSeconds(4)).withDeclineShare(0.2));

        // open loop: request i is due at i / rps, so 4 s at 100/s is exactly 400 requests
        assertThat(summary.requests()).isEqualTo(400);
        assertThat(summary.complete()).isTrue();
        assertThat(summary.failed()).as(summary.failureSamples().toString()).isZero();
        assertThat(summary.declined()).isPositive();
        assertThat(summary.ok() + summary.declined()).isEqualTo(400);
        Map<RequestKind, Long> count = summary.byKind().stream()
                .collect(Collectors.toMap(TrafficSummary.KindSummary::kind, TrafficSummary.KindSummary::requests));
        assertThat(count.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
        assertThat(count).allSatisfy((kind, n) -> {
            if (kind != RequestKind.SALES_REPORT) {
                assertThat(n).as(kind.toString()).isPositive();
            }
        });
        // browsing dominates, as in a shop
        assertThat(count.get(RequestKind.BROWSE_PRODUCTS)).isGreaterThan(count.get(RequestKind.REFUND));

        List<LoggedRequest> journal = shop.server.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        List<LoggedRequest> payments = journal.stream()
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().equals("/api/payments")).toList();
        assertThat(payments).isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).startsWith("traffic-"));
        assertThat(payments.stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSameSizeAs(payments);
        assertThat(journal.stream().filter(r -> r.getUrl().matches("/api/payments/\\d+/(capture|refund)")))
                .allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isNotBlank());
        assertThat(journal.stream().filter(r -> r.getUrl().startsWith("/api/orders") || r.getUrl().startsWith("/api/payments")))
                .allSatisfy(r -> assertThat(r.getHeader("X-Customer-Id")).matches("[123]"));
        // every approved card payment (checkout with a card, or pay) is a payment id in the summary
        long approvedCardPayments = journal.stream()
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().matches("/api/(orders|payments)"))
                .filter(r -> r.getBodyAsString().contains("\"cardNumber\":\"4242424242424242\"")
                        || r.getBodyAsString().contains("\"cardNumber\":\"5555555555554444\""))
                .count();
        assertThat(summary.paymentIdsCreated()).hasSize((int) approvedCardPayments).allSatisfy(id -> assertThat(id).isPositive());
        // the cards that make the gateway fail or time out are drills, never shop traffic
        assertThat(journal).noneSatisfy(r -> assertThat(r.getBodyAsString()).containsAnyOf("4000000000000119", "4000000000000259"));
        // discovery: product 5 has no stock and is never ordered
        assertThat(journal.stream().filter(r -> r.getUrl().equals("/api/orders")))
                .noneSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"productId\":5,"));
    }

    @Test
    void keepsSendingOnScheduleWhenTheShopStallsAndCountsTheWaitInTheLatency() throws Exception {
        shop.delayAnswers(700);

        TrafficSummary summary = runToEnd(TrafficSettings.of(shop.uri(), 50, Duration.ofSeconds(1)));

        // a closed loop with one caller would have sent 2 requests in that second; the open loop sent all 50 on time
        assertThat(summary.requests()).isEqualTo(50);
        assertThat(summary.failed()).isZero();
        assertThat(summary.latency().p50Millis()).isGreaterThanOrEqualTo(700);
        assertThat(summary.seconds()).as("sending took 1 s, the last answer 0.7 s more").isLessThan(10);
    }

    @Test
    void aRequestDueWhileTooManyAreInFlightIsNotSentAndCountsAsFailed() throws Exception {
        shop.delayAnswers(5_000);

        TrafficSummary summary = runToEnd(TrafficSettings.of(shop.uri(), 50, Duration.ofSeconds(1)).withMaxInFlight(5));

        assertThat(summary.requests()).isEqualTo(50);
        assertThat(summary.failures().get(FailureKind.NOT_SENT)).isEqualTo(45);
        assertThat(summary.ok()).isEqualTo(5);
        // discovery read products and customers; then only the five in flight reached the shop
        assertThat(shop.server.getAllServeEvents()).hasSize(2 + 5);
    }

    @Test
    void classifiesServerErrorsUnexpectedClientErrorsAndTimeouts() throws Exception {
        shop.stub(post(urlPathMatching("/api/payments/\\d+/capture")).willReturn(ShopStandIn.problem(503, "/problems/psp-unavailable")));
        shop.stub(get(urlPathMatching("/api/products/\\d+")).willReturn(ShopStandIn.problem(404, "/problems/not-found")));
        shop.stub(get(urlPathMatching("/api/customers/\\d+")).willReturn(ShopStandIn.json(200, "{}").withFixedDelay(1_500)));

        TrafficSummary summary = runToEnd(TrafficSettings.of(shop.uri(), 200, Duration.ofSeconds(2))
                .withTimeout(Duration.ofMillis(500)).withDeclineShare(0));

        Map<RequestKind, TrafficSummary.KindSummary> kinds = summary.byKind().stream()
                .collect(Collectors.toMap(TrafficSummary.KindSummary::kind, Function.identity()));
        assertThat(kinds.get(RequestKind.CAPTURE).failed()).isPositive().isEqualTo(kinds.get(RequestKind.CAPTURE).requests());
        assertThat(kinds.get(RequestKind.VIEW_PRODUCT).failed()).isPositive().isEqualTo(kinds.get(RequestKind.VIEW_PRODUCT).requests());
        assertThat(kinds.get(RequestKind.VIEW_CUSTOMER).failed()).isPositive().isEqualTo(kinds.get(RequestKind.VIEW_CUSTOMER).requests());
        assertThat(kinds.get(RequestKind.BROWSE_PRODUCTS).failed()).isZero();
        assertThat(summary.failures().get(FailureKind.HTTP_5XX)).isEqualTo(kinds.get(RequestKind.CAPTURE).failed());
        assertThat(summary.failures().get(FailureKind.UNEXPECTED_4XX)).isEqualTo(kinds.get(RequestKind.VIEW_PRODUCT).failed());
        assertThat(summary.failures().get(FailureKind.TIMEOUT)).isEqualTo(kinds.get(RequestKind.VIEW_CUSTOMER).failed());
        assertThat(summary.failed()).isEqualTo(summary.failures().values().stream().mapToLong(Long::longValue).sum());
        // nothing was captured, so nothing could be refunded: REFUND sent captures (which failed) instead
        assertThat(summary.paymentsCaptured()).isZero();
        assertThat(summary.paymentsRefunded()).isZero();
        assertThat(summary.failureSamples()).isNotEmpty().hasSizeLessThanOrEqualTo(20)
                .anySatisfy(f -> assertThat(f.problemType()).isEqualTo("/problems/psp-unavailable"));
    }

    @Test
    void countsConnectionErrorsWhenTheShopGoesAwayMidRun() throws Exception {
        try (TrafficRun run = TrafficRun.start(TrafficSettings.of(shop.uri(), 100, Duration.ofSeconds(30))
                .withTimeout(Duration.ofSeconds(2)))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> run.snapshot().ok() >= 20);
            shop.server.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> run.snapshot().failures().get(FailureKind.CONNECTION) >= 20);
            run.stop();
            assertThat(run.awaitCompletion(Duration.ofSeconds(20))).isTrue();
            TrafficSummary summary = run.summary();
            assertThat(summary.failures().get(FailureKind.CONNECTION)).isGreaterThanOrEqualTo(20);
            assertThat(summary.ok() + summary.failed() + summary.declined() + summary.outOfStock()).isEqualTo(summary.requests());
        }
    }

    @Test
    void anOpenEndedRunSendsUntilStoppedAndThenFinishesItsRequests() throws Exception {
        try (TrafficRun run = TrafficRun.start(TrafficSettings.of(shop.uri(), 100, null))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> run.snapshot().completed() >= 50);
            assertThat(run.isComplete()).isFalse();
            assertThat(run.summary().complete()).isFalse();

            run.stop();

            assertThat(run.awaitCompletion(Duration.ofSeconds(20))).isTrue();
            TrafficSummary summary = run.summary();
            assertThat(summary.complete()).isTrue();
            assertThat(summary.requests()).isGreaterThanOrEqualTo(50).isEqualTo(summary.ok() + summary.failed()
                    + summary.declined() + summary.outOfStock());
            assertThat(run.snapshot().inFlight()).isZero();
            long served = shop.server.getAllServeEvents().size();
            assertThat(summary.requests()).isEqualTo(served - 2); // all but the two discovery reads
        }
    }

    @Test
    void refusesToStartWhenTheShopDoesNotAnswer() {
        URI nobody = URI.create("http://127.0.0.1:" + Ports.freePort());

        assertThatThrownBy(() -> TrafficRun.start(TrafficSettings.of(nobody, 10, Duration.ofSeconds(1))))
                .isInstanceOf(TrafficException.class)
                .hasMessageContaining("does not answer on " + nobody)
                .hasMessageContaining("./strangler up");
    }

    @Test
    void refusesToStartOnAnEmptyShop() {
        shop.stub(get(urlPathEqualTo("/api/customers")).willReturn(ShopStandIn.json(200, "{\"items\":[],\"totalPages\":0}")));

        assertThatThrownBy(() -> TrafficRun.start(TrafficSettings.of(shop.uri(), 10, Duration.ofSeconds(1))))
                .isInstanceOf(TrafficException.class)
                .hasMessageContaining("0 customers").hasMessageContaining("strangler seed");
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> TrafficSettings.of(shop.uri(), 0, Duration.ofSeconds(1)))
                .hasMessageContaining("--rps");
        assertThatThrownBy(() -> TrafficSettings.of(shop.uri(), 10, Duration.ZERO)).hasMessageContaining("--duration");
        assertThatThrownBy(() -> TrafficSettings.of(URI.create("ftp://x"), 10, Duration.ofSeconds(1)))
                .hasMessageContaining("--target");
    }
}
