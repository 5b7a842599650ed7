package dev.strangler.proxy.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's reading of the bridge's status document, with WireMock answering for the bridge. */
class CdcStatusClientTests {

    private final WireMockServer bridge = new WireMockServer(options().dynamicPort());
    private final MutableClock clock = new MutableClock();
    private CdcStatusClient client;

    @BeforeEach
    void start() {
        bridge.start();
        client = new CdcStatusClient(properties(URI.create("http://127.0.0.1:" + bridge.port() + "/cdc/status")),
                JsonMapper.builder().build(), clock);
    }

    @AfterEach
    void stop() {
        bridge.stop();
    }

    private static DashboardProperties properties(URI status) {
        return new DashboardProperties(URI.create("http://127.0.0.1:9411/zipkin/"), status, List.of("payments*", "refunds"), 5000);
    }

    private static String status(long lagReverse, long deadLetters, String reconcile) {
        return """
                {"healthy":true,"problems":[],"warnings":[],
                 "pairs":{"payments":{
                   "directions":{"legacy-to-service":{"apply":{"lagMs":40}},"service-to-legacy":{"apply":{"lagMs":%d}}},
                   "writeOwner":{"owner":"SERVICE","routeStage":"EXTRACTED"},
                   "reconcile":%s}},
                 "deadLetters":{"topic":"dlq","count":%d}}""".formatted(lagReverse, reconcile, deadLetters);
    }

    @Test
    void aHealthyReconciledBridgeWithLittleLagIsReady() {
        bridge.stubFor(get("/cdc/status").willReturn(okJson(status(120, 0,
                "{\"ran\":true,\"at\":\"2026-12-04T10:00:00Z\",\"mismatches\":0}"))));

        CdcReadiness readiness = client.readiness();

        assertThat(readiness.reachable()).isTrue();
        assertThat(readiness.ready()).as(readiness.problems().toString()).isTrue();
        assertThat(readiness.lagMillis()).isEqualTo(120);
        assertThat(readiness.reconciledAt()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(readiness.writeOwner()).isEqualTo("payments SERVICE");
    }

    @Test
    void everyTablePairCountsTheWorstLagTheMismatchesOfAllAndTheOldestReconciliation() {
        bridge.stubFor(get("/cdc/status").willReturn(okJson("""
                {"healthy":true,"problems":[],"warnings":[],
                 "pairs":{
                   "payments":{"directions":{"legacy-to-service":{"lagMs":40}},
                     "writeOwner":{"owner":"SERVICE"},
                     "reconcile":{"ran":true,"at":"2026-12-04T10:00:05Z","mismatches":0}},
                   "customers":{"directions":{"legacy-to-service":{"lagMs":6000}},
                     "writeOwner":{"owner":"LEGACY"},
                     "reconcile":{"ran":true,"at":"2026-12-04T10:00:00Z","mismatches":1}}},
                 "deadLetters":{"topic":"dlq","count":0}}""")));

        CdcReadiness readiness = client.readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.lagMillis()).isEqualTo(6000);
        assertThat(readiness.mismatches()).isEqualTo(1);
        assertThat(readiness.reconciledAt()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(readiness.writeOwner()).isEqualTo("payments SERVICE, customers LEGACY");
    }

    @Test
    void lagDeadLettersAndMismatchesEachMakeTheDataNotReadyAndSaySo() {
        bridge.stubFor(get("/cdc/status").willReturn(okJson(status(9_000, 3,
                "{\"ran\":true,\"at\":\"2026-12-04T10:00:00Z\",\"mismatches\":2}"))));

        CdcReadiness readiness = client.readiness();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.lagMillis()).isEqualTo(9_000);
        assertThat(readiness.problems()).containsExactly("lag 9000 ms is above 5000 ms", "3 dead letters",
                "last reconciliation found 2 mismatches");
    }

    @Test
    void neverReconciledIsNotReady() {
        bridge.stubFor(get("/cdc/status").willReturn(okJson(status(10, 0, "{\"ran\":false}"))));

        assertThat(client.readiness().problems()).containsExactly("no reconciliation of payments yet");
    }

    @Test
    void aBridgeThatFailsOrIsDownIsUnreachableWithTheReason() {
        bridge.stubFor(get("/cdc/status").willReturn(serverError()));
        assertThat(client.readiness().error()).isEqualTo("the bridge answered 500");

        CdcStatusClient nobody = new CdcStatusClient(properties(URI.create("http://127.0.0.1:1/cdc/status")),
                JsonMapper.builder().build(), clock);
        CdcReadiness down = nobody.readiness();
        assertThat(down.reachable()).isFalse();
        assertThat(down.ready()).isFalse();
        assertThat(down.error()).startsWith("no answer from http://127.0.0.1:1/cdc/status");
    }

    @Test
    void anAnswerIsReusedForASecondSoOpenDashboardsDoNotHammerTheBridge() {
        bridge.stubFor(get("/cdc/status").willReturn(okJson(status(10, 0, "{\"ran\":false}"))));

        client.readiness();
        client.readiness();
        bridge.verify(1, getRequestedFor(urlEqualTo("/cdc/status")));

        clock.advanceMillis(1_001);
        client.readiness();
        bridge.verify(2, getRequestedFor(urlEqualTo("/cdc/status")));
    }

    @Test
    void routesMatchByIdOrPrefixAndLinkToTheirTraces() {
        DashboardProperties properties = properties(URI.create("http://127.0.0.1:8083/cdc/status"));

        assertThat(properties.syncedByCdc("payments-write")).isTrue();
        assertThat(properties.syncedByCdc("refunds")).isTrue();
        assertThat(properties.syncedByCdc("refunds-v2")).isFalse();
        assertThat(properties.syncedByCdc("catalog")).isFalse();
        assertThat(properties.tracesOf("payments-write", Instant.parse("2026-12-04T10:00:00Z")))
                .isEqualTo("http://127.0.0.1:9411/zipkin/?serviceName=strangler-proxy"
                        + "&annotationQuery=proxy.route%3Dpayments-write&lookback=15m&endTs=1796378400000&limit=10");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advanceMillis(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
