package dev.strangler.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.strangler.proxy.forward.DataPlane;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.RouteTableDocument;
import dev.strangler.proxy.route.SloPolicy;
import dev.strangler.proxy.route.Stage;
import dev.strangler.proxy.route.Timeouts;
import dev.strangler.proxy.route.internal.RouteFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The proxy end to end with WireMock as legacy and extracted upstreams: every stage, the admin API, its guards. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProxyIT {

    static final WireMockServer legacy = new WireMockServer(options().dynamicPort());
    static final WireMockServer extracted = new WireMockServer(options().dynamicPort());
    static final Path dir;
    static final String TOKEN = "test-admin-token-0123456789abcdef";

    static {
        legacy.start();
        extracted.start();
        try {
            dir = Files.createTempDirectory("proxy-it");
            Files.writeString(dir.resolve("token"), TOKEN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("proxy.port", () -> 0);
        registry.add("proxy.event-loops", () -> 2);
        registry.add("proxy.legacy-upstream", () -> "http://127.0.0.1:" + legacy.port());
        registry.add("proxy.upstreams.payment-service", () -> "http://127.0.0.1:" + extracted.port());
        registry.add("proxy.extractions", () -> Extractions.REPOSITORY.toString());
        registry.add("proxy.routes.file", () -> dir.resolve("routes.json").toString());
        registry.add("proxy.admin.token-file", () -> dir.resolve("token").toString());
        registry.add("proxy.kafka.enabled", () -> false);
        registry.add("proxy.max-request-body", () -> "64KB");
    }

    @AfterAll
    static void stopBackends() {
        legacy.stop();
        extracted.stop();
    }

    @Autowired
    DataPlane plane;
    @Autowired
    RouteStore store;
    @Autowired
    JsonMapper json;
    @LocalServerPort
    int adminPort;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static List<Route> initial;

    @BeforeEach
    void reset() {
        if (initial == null) {
            initial = store.current().routes();
        }
        for (Route original : initial) {
            Route now = store.current().route(original.id()).orElseThrow();
            store.put(original.withVersion(0), now.version(), "test", "reset between tests");
        }
        for (WireMockServer server : List.of(legacy, extracted)) {
            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(okJson("{\"side\":\"" + (server == legacy ? "legacy" : "extracted") + "\"}")));
        }
    }

    // ---- data plane

    @Test
    void legacyStageForwardsWithEdgeHeadersAndStripsHopByHopOnes() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy("/api/payments/1"))
                .header("Connection", "X-Hop-Secret").header("X-Hop-Secret", "do-not-forward")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build(), ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("legacy");
        assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
        legacy.verify(getRequestedFor(urlEqualTo("/api/payments/1"))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Host", matching("(localhost|127\\.0\\.0\\.1):\\d+"))
                .withHeader("X-Correlation-Id", equalTo(response.headers().firstValue("X-Correlation-Id").orElseThrow()))
                .withHeader("traceparent", matching("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01"))
                .withoutHeader("X-Hop-Secret"));
        assertThat(extracted.getAllServeEvents()).isEmpty();
    }

    @Test
    void passesTheOriginsDateThroughAsItCameAndDatesAnAnswerWithoutOne() throws Exception {
        // RFC 9110's own example: printed again by DateTimeFormatter.RFC_1123_DATE_TIME it would lose the day's zero
        legacy.stubFor(get(urlEqualTo("/api/orders/31")).willReturn(okJson("{}")
                .withHeader("Date", "Sun, 06 Nov 1994 08:49:37 GMT")));
        legacy.stubFor(get(urlEqualTo("/api/orders/32")).willReturn(okJson("{}").withHeader("Date", "not a date")));

        assertThat(http.send(call("/api/orders/31"), ofString()).headers().allValues("Date"))
                .containsExactly("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(http.send(call("/api/orders/32"), ofString()).headers().allValues("Date"))
                .containsExactly("not a date");
        // the proxy's own answer (a body over the limit: 413) gets the proxy's clock, as an IMF-fixdate
        HttpResponse<String> refused = http.send(overLimitPost(), ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().allValues("Date")).singleElement().asString()
                .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }

    @Test
    void keepsTheCallersCorrelationIdAndStartsATraceWhenThereIsNone() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy("/api/orders/7"))
                .header("X-Correlation-Id", "abc-123").build(), ofString());

        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("abc-123");
        legacy.verify(getRequestedFor(urlEqualTo("/api/orders/7")).withHeader("X-Correlation-Id", equalTo("abc-123"))
                .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-01")));
    }

    @Test
    void withoutAnExporterBuildsNoSpansButContinuesTheTraceWithItsSamplingFlag() throws Exception {
        assertThat(plane.recordsSpans()).isFalse();

        http.send(HttpRequest.newBuilder(proxy("/api/orders/9"))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").build(), ofString());

        String sent = legacy.findAll(getRequestedFor(urlEqualTo("/api/orders/9"))).getFirst().getHeader("traceparent");
        assertThat(sent).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void extractedStageSendsEverythingToTheNewService() throws Exception {
        setStage("payments-read", Stage.EXTRACTED, 0);

        HttpResponse<String> response = http.send(call("/api/payments/1"), ofString());

        assertThat(response.body()).contains("extracted");
        assertThat(response.headers().firstValue("X-Strangler-Upstream")).hasValue("extracted");
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void injectedFaultsHitOnlyTheExtractedSideAreAuditedAndUndone() throws Exception {
        setStage("payments-read", Stage.EXTRACTED, 0);

        Admin errors = admin("POST", "/admin/routes/payments-read/faults",
                "{\"errorPercent\":100,\"reason\":\"drill: the service fails\"}", null);
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.json().at("/faults/errorPercent").asInt()).isEqualTo(100);
        HttpResponse<String> failed = http.send(call("/api/payments/1"), ofString());
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(failed.body()).contains("/problems/injected-fault");
        assertThat(extracted.getAllServeEvents()).as("the upstream is not called").isEmpty();
        assertThat(http.send(call("/api/orders/1"), ofString()).statusCode()).as("other routes untouched").isEqualTo(200);

        Admin slow = admin("POST", "/admin/routes/payments-read/faults",
                "{\"latencyMillis\":400,\"errorPercent\":0,\"reason\":\"drill: the service is slow\"}", null);
        assertThat(slow.status()).isEqualTo(200);
        long t0 = System.nanoTime();
        HttpResponse<String> late = http.send(call("/api/payments/1"), ofString());
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("extracted");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        setStage("payments-read", Stage.LEGACY, 0);
        assertThat(http.send(call("/api/payments/1"), ofString()).body()).as("legacy is never slowed").contains("legacy");

        Admin bad = admin("POST", "/admin/routes/payments-read/faults", "{\"errorPercent\":101,\"reason\":\"x\"}", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(store.current().route("payments-read").orElseThrow().faults().latencyMillis()).isEqualTo(400);

        Admin cleared = admin("POST", "/admin/routes/payments-read/faults",
                "{\"latencyMillis\":0,\"errorPercent\":0,\"reason\":\"drill over\"}", null);
        assertThat(cleared.json().at("/faults/latencyMillis").asInt()).isZero();
        assertThat(store.audit(10)).extracting(e -> e.why())
                .contains("drill: the service fails", "drill: the service is slow", "drill over");
    }

    @Test
    void injectedErrorsOnACanaryTripTheAutomaticRollback() throws Exception {
        setStage("payments-read", Stage.CANARY, 100);
        store.changeFaults("payments-read", new dev.strangler.proxy.route.Faults(0, 100), null, "test", "drill");

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            http.send(call("/api/payments/1"), ofString());
            return store.current().route("payments-read").orElseThrow().stage() == Stage.ROLLED_BACK;
        });
        assertThat(store.current().route("payments-read").orElseThrow().reason()).startsWith("SLO breach: error rate");
        assertThat(extracted.getAllServeEvents()).isEmpty();
        assertThat(http.send(call("/api/payments/1"), ofString()).body()).contains("legacy");
    }

    @Test
    void aRequestWaitsForARestartingLegacyUpstreamInsteadOfFailing() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort(); // free again once closed: nothing listens there now
        }
        Route r = store.current().route("payments-write").orElseThrow();
        store.put(new Route(r.id(), r.path(), r.methods(), URI.create("http://127.0.0.1:" + port), r.extracted(),
                Stage.LEGACY, 0, "test", 0, new Timeouts(500, 5_000, 15_000), r.shadow(), r.slo(), null),
                r.version(), "test", "legacy restarting");
        WireMockServer restarted = new WireMockServer(options().port(port));
        try {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<HttpResponse<String>> pending = pool.submit(() -> http.send(HttpRequest.newBuilder(proxy("/api/payments"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":1}")).header("Content-Type", "application/json")
                    .build(), ofString()));
            // the request is held while the upstream refuses connections, then sent once it listens again
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> !pending.isDone());
            restarted.start();
            restarted.stubFor(post(urlEqualTo("/api/payments")).willReturn(okJson("{\"side\":\"restarted\"}")));
            HttpResponse<String> response = pending.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("restarted");
            assertThat(restarted.getAllServeEvents()).as("sent exactly once").hasSize(1);
            pool.shutdown();
        } finally {
            restarted.stop();
        }

        // past the budget, the caller gets the proxy's 502 (nothing was sent anywhere)
        Route waiting = store.current().route("payments-write").orElseThrow();
        store.put(new Route(waiting.id(), waiting.path(), waiting.methods(), waiting.legacy(), waiting.extracted(),
                Stage.LEGACY, 0, "test", 0, new Timeouts(500, 5_000, 600), waiting.shadow(), waiting.slo(), null),
                waiting.version(), "test", "short budget");
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(proxy("/api/payments"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), ofString());
        assertThat(refused.statusCode()).isEqualTo(502);
    }

    @Test
    void refusesRequestsOverTheSizeLimitWithoutCallingTheUpstream() throws Exception {
        HttpResponse<String> response = http.send(overLimitPost(), ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void cutsOffAChunkedRequestThatGrowsOverTheSizeLimit() throws Exception {
        HttpRequest chunked = HttpRequest.newBuilder(proxy("/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[200_000])))
                .build();

        int status;
        try {
            status = http.send(chunked, ofString()).statusCode();
        } catch (java.io.IOException hungUp) {
            status = -1; // the proxy may hang up before the client has read the 413
        }

        assertThat(status).isIn(413, -1);
        assertThat(http.send(call("/api/orders/1"), ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void answersGatewayTimeoutWhenTheUpstreamStaysSilent() throws Exception {
        Route route = store.current().route("payments-read").orElseThrow();
        store.put(new Route(route.id(), route.path(), route.methods(), route.legacy(), route.extracted(), Stage.EXTRACTED,
                0, "test", 0, new Timeouts(500, 300), route.shadow(), route.slo(), null), route.version(), "test", "short timeout");
        extracted.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(2_000)));

        HttpResponse<String> response = http.send(call("/api/payments/1"), ofString());

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("/problems/upstream-timeout");
    }

    // ---- shadow

    @Test
    void shadowAnswersFromLegacyAndCountsOnlyRealDifferences() throws Exception {
        setStage("payments-read", Stage.SHADOW, 0);
        legacy.stubFor(get("/api/payments/5").willReturn(okJson("{\"id\":5,\"status\":\"CAPTURED\",\"amount\":12.5,\"createdAt\":\"2026-01-01T10:00:00Z\"}")));
        extracted.stubFor(get("/api/payments/5").willReturn(okJson("{\"id\":5,\"status\":\"CAPTURED\",\"amount\":12.50,\"createdAt\":\"2026-01-01T10:00:00.123Z\"}")));
        legacy.stubFor(get("/api/payments/6").willReturn(okJson("{\"id\":6,\"status\":\"CAPTURED\",\"amount\":3}")));
        extracted.stubFor(get("/api/payments/6").willReturn(okJson("{\"id\":6,\"status\":\"AUTHORIZED\",\"amount\":3}")));

        HttpResponse<String> same = http.send(call("/api/payments/5"), ofString());
        HttpResponse<String> different = http.send(call("/api/payments/6"), ofString());

        assertThat(same.body()).contains("\"amount\":12.5,");
        assertThat(different.body()).contains("CAPTURED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode diffs = admin("GET", "/admin/routes/payments-read/diffs", null, null).json;
            assertThat(diffs.get("compared").asLong()).isEqualTo(2);
            assertThat(diffs.get("differing").asLong()).isEqualTo(1);
            assertThat(diffs.get("samples").get(0).get("differences").toString()).isEqualTo("[\"$.status\"]");
        });
    }

    @Test
    void shadowMirrorsAPostOnlyAsADryRunWithCardNumbersRedactedInSamples() throws Exception {
        setStage("payments-write", Stage.SHADOW, 0);
        legacy.stubFor(post("/api/payments").willReturn(okJson("{\"id\":11,\"status\":\"AUTHORIZED\"}").withStatus(201)));
        extracted.stubFor(post("/api/payments").willReturn(okJson("{\"id\":900,\"status\":\"DECLINED\"}").withStatus(201)));
        String body = "{\"orderId\":3,\"cardNumber\":\"4242424242424242\"}";

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy("/api/payments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("AUTHORIZED");
        legacy.verify(1, postRequestedFor(urlEqualTo("/api/payments")).withoutHeader("X-Strangler-Shadow"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                extracted.verify(1, postRequestedFor(urlEqualTo("/api/payments"))
                        .withHeader("X-Strangler-Shadow", equalTo("dry-run"))
                        .withRequestBody(equalTo(body))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String diffs = admin("GET", "/admin/routes/payments-write/diffs", null, null).body;
            assertThat(diffs).contains("$.status").doesNotContain("4242424242424242");
        });
    }

    @Test
    void aWritesDryRunGoesFirstSoItSeesTheStateLegacySaw() throws Exception {
        // legacy takes a second to answer (a gateway call): sent after its answer, or beside it, the service's dry run
        // would meet the state legacy's write left behind (an order already PAID: 409 where legacy said 201)
        setStage("payments-write", Stage.SHADOW, 0);
        legacy.stubFor(post("/api/payments/7/capture").willReturn(okJson("{\"id\":7,\"status\":\"CAPTURED\"}")
                .withFixedDelay(1000)));
        extracted.stubFor(post("/api/payments/7/capture").willReturn(okJson("{\"id\":7,\"status\":\"CAPTURED\"}")));
        JsonNode before = admin("GET", "/admin/routes/payments-write/diffs", null, null).json;

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy("/api/payments/7/capture"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !extracted.getAllServeEvents().isEmpty());
        java.util.Date legacyReceived = legacy.getAllServeEvents().getFirst().getRequest().getLoggedDate();
        java.util.Date mirrorReceived = extracted.getAllServeEvents().getFirst().getRequest().getLoggedDate();
        assertThat(mirrorReceived).as("the dry run reached the service before the write reached legacy")
                .isBeforeOrEqualTo(legacyReceived);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode diffs = admin("GET", "/admin/routes/payments-write/diffs", null, null).json;
            assertThat(diffs.get("compared").asLong()).isEqualTo(before.get("compared").asLong() + 1);
            assertThat(diffs.get("differing").asLong()).isEqualTo(before.get("differing").asLong());
        });
    }

    @Test
    void shadowNeverMirrorsAnUnsafeRequestToAServiceWithoutDryRun() throws Exception {
        Route write = store.current().route("payments-write").orElseThrow();
        store.put(new Route(write.id(), write.path(), write.methods(), write.legacy(), write.extracted(), Stage.SHADOW, 0,
                "test", 0, write.timeouts(), new dev.strangler.proxy.route.ShadowRules(false, List.of(), 0, false, List.of(), 5, List.of()),
                write.slo(), null), write.version(), "test", "no dry-run support");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy("/api/payments"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(admin("GET", "/admin/routes/payments-write/diffs", null, null).json.get("skipped").asLong()).isEqualTo(1));
        assertThat(extracted.getAllServeEvents()).isEmpty();
    }

    // ---- canary

    @Test
    void canarySplitsCallersStickilyByCustomerIdOrCookie() throws Exception {
        setStage("payments-read", Stage.CANARY, 30);
        Set<String> sides = new HashSet<>();
        for (int customer = 0; customer < 60; customer++) {
            String first = upstreamOf(HttpRequest.newBuilder(proxy("/api/payments/1")).header("X-Customer-Id", "" + customer).build());
            String again = upstreamOf(HttpRequest.newBuilder(proxy("/api/payments/1")).header("X-Customer-Id", "" + customer).build());
            assertThat(again).as("customer %d", customer).isEqualTo(first);
            sides.add(first);
        }
        assertThat(sides).containsExactlyInAnyOrder("legacy", "extracted");

        HttpResponse<String> anonymous = http.send(call("/api/payments/1"), ofString());
        String cookie = anonymous.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("strangler_id=");
        String side = anonymous.headers().firstValue("X-Strangler-Upstream").orElseThrow();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(proxy("/api/payments/1")).header("Cookie", cookie).build(), ofString());
            assertThat(next.headers().firstValue("X-Strangler-Upstream")).hasValue(side);
            assertThat(next.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void safeCanaryRequestsFallBackToLegacyWhenTheExtractedServiceIsDownButWritesAreNeverRetried() throws Exception {
        int closed = dev.strangler.lab.process.Ports.freePort();
        for (String id : List.of("payments-read", "payments-write")) {
            Route r = store.current().route(id).orElseThrow();
            store.put(r.withUpstreams(r.legacy(), URI.create("http://127.0.0.1:" + closed)).withStage(Stage.CANARY, 100, "test"),
                    r.version(), "test", "extracted service down");
        }

        HttpResponse<String> read = http.send(call("/api/payments/1"), ofString());
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(proxy("/api/payments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":1}")).build(), ofString());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("legacy");
        assertThat(write.statusCode()).isEqualTo(502);
        assertThat(write.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        legacy.verify(0, postRequestedFor(urlEqualTo("/api/payments")));
    }

    // ---- SLO

    @Test
    void rollsACanaryBackByItselfWhenTheExtractedSideAnswers5xx() throws Exception {
        setStage("payments-read", Stage.CANARY, 100);
        extracted.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));

        long firstFailure = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            http.send(call("/api/payments/1"), ofString());
            return store.current().route("payments-read").orElseThrow().stage() == Stage.ROLLED_BACK;
        });
        System.out.printf("rolled back %d ms after the first failing request%n", (System.nanoTime() - firstFailure) / 1_000_000);

        Route rolledBack = store.current().route("payments-read").orElseThrow();
        assertThat(rolledBack.reason()).startsWith("SLO breach: error rate 100.0%");
        assertThat(store.audit(5)).anyMatch(e -> e.who().equals("slo-watch") && e.routeId().equals("payments-read"));
        assertThat(http.send(call("/api/payments/1"), ofString()).body()).contains("legacy");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/actuator/prometheus")).build(), ofString()).body();
        assertThat(metrics).contains("proxy_rollbacks_total{route=\"payments-read\"}")
                .contains("proxy_requests_seconds_count{route=\"payments-read\",stage=\"CANARY\",status=\"5xx\",upstream=\"extracted\"}");
    }

    @Test
    void rollsACanaryBackByItselfWhenTheExtractedSideIsTooSlow() throws Exception {
        Route r = store.current().route("payments-read").orElseThrow();
        store.put(new Route(r.id(), r.path(), r.methods(), r.legacy(), r.extracted(), Stage.CANARY, 100, "test", 0,
                r.timeouts(), r.shadow(), new SloPolicy(10, 5, 0.5, 100, 0), null), r.version(), "test", "tight latency SLO");
        extracted.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(250)));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(pool.submit(() -> http.send(call("/api/payments/1"), ofString())));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
                return store.current().route("payments-read").orElseThrow().stage() == Stage.ROLLED_BACK;
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.current().route("payments-read").orElseThrow().reason()).startsWith("SLO breach: p99");
    }

    @Test
    void changesStagesLiveUnderConcurrentLoadWithoutAFailedRequest() throws Exception {
        legacy.stubFor(get(urlPathMatching("/api/payments/.*")).willReturn(okJson("{\"id\":1,\"status\":\"CAPTURED\"}")));
        extracted.stubFor(get(urlPathMatching("/api/payments/.*")).willReturn(okJson("{\"id\":1,\"status\":\"CAPTURED\"}")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    statuses.add(http.send(HttpRequest.newBuilder(proxy("/api/payments/" + i))
                            .header("X-Customer-Id", thread + "-" + i).build(), ofString()).statusCode());
                }
                return null;
            }));
        }
        Stage[] cycle = {Stage.SHADOW, Stage.CANARY, Stage.EXTRACTED, Stage.LEGACY};
        int changes = 0;
        while (clients.stream().anyMatch(f -> !f.isDone())) {
            Stage stage = cycle[changes % cycle.length];
            setStage("payments-read", stage, stage == Stage.CANARY ? 50 : 0);
            changes++;
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();

        assertThat(changes).isGreaterThan(4);
        assertThat(statuses).hasSize(1_000).containsOnly(200);
    }

    // ---- admin API

    @Test
    void aStaleIfMatchGets412AndChangesNothing() throws Exception {
        Admin read = admin("GET", "/admin/routes/payments-read", null, null);
        String etag = read.etag;

        Admin first = admin("POST", "/admin/routes/payments-read/stage", "{\"stage\":\"SHADOW\",\"reason\":\"first\"}", etag);
        Admin second = admin("POST", "/admin/routes/payments-read/stage", "{\"stage\":\"EXTRACTED\",\"reason\":\"second\"}", etag);

        assertThat(first.status).isEqualTo(200);
        assertThat(second.status).isEqualTo(412);
        assertThat(second.json.get("type").asString()).isEqualTo("/problems/stale-route-version");
        assertThat(store.current().route("payments-read").orElseThrow().stage()).isEqualTo(Stage.SHADOW);
    }

    @Test
    void badAdminInputGets400ProblemsAndChangesNothing() throws Exception {
        long version = store.current().version();
        for (String body : List.of("{\"stage\":\"CANARY\",\"percent\":150,\"reason\":\"x\"}",
                "{\"stage\":\"CANARY\",\"reason\":\"no percent\"}",
                "{\"stage\":\"SIDEWAYS\",\"reason\":\"x\"}",
                "{\"stage\":\"SHADOW\"}",
                "{not json")) {
            Admin response = admin("POST", "/admin/routes/payments-read/stage", body, null);
            assertThat(response.status).as(body).isEqualTo(400);
            assertThat(response.contentType).as(body).startsWith("application/problem+json");
        }
        Admin badPattern = admin("PUT", "/admin/routes/payments-read",
                "{\"reason\":\"x\",\"route\":{\"id\":\"payments-read\",\"path\":\"/api/**/x/**\",\"legacy\":\"http://127.0.0.1:1\"}}",
                admin("GET", "/admin/routes/payments-read", null, null).etag);
        assertThat(badPattern.status).isEqualTo(400);
        assertThat(admin("GET", "/admin/routes/nope", null, null).status).isEqualTo(404);
        assertThat(store.current().version()).isEqualTo(version);
    }

    @Test
    void withoutTheTokenTheAdminApiAnswers401AndChangesNothing() throws Exception {
        long version = store.current().version();
        for (String auth : new String[] {null, "Bearer wrong-token-wrong-token", "Basic " + TOKEN}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/admin/routes/payments-read/stage"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stage\":\"EXTRACTED\",\"reason\":\"sneaky\"}"));
            if (auth != null) {
                request.header("Authorization", auth);
            }
            HttpResponse<String> response = http.send(request.build(), ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("/problems/unauthorized");
        }
        assertThat(store.current().version()).isEqualTo(version);
        assertThat(store.current().route("payments-read").orElseThrow().stage()).isEqualTo(Stage.LEGACY);
    }

    @Test
    void changesArePersistedAuditedAndSurviveARestart() throws Exception {
        Admin changed = admin("POST", "/admin/routes/payments-read/stage",
                "{\"stage\":\"CANARY\",\"percent\":25,\"reason\":\"first canary\"}", null);
        assertThat(changed.status).isEqualTo(200);

        RouteStore restarted = new RouteStore(new RouteFile(dir.resolve("routes.json"), json), "restarted",
                Clock.systemUTC(), new RouteTableDocument(1, "seed", List.of()));
        Route route = restarted.current().route("payments-read").orElseThrow();
        assertThat(route.stage()).isEqualTo(Stage.CANARY);
        assertThat(route.percent()).isEqualTo(25);
        String audit = admin("GET", "/admin/audit?limit=5", null, null).body;
        assertThat(audit).contains("first canary").contains("\"who\":\"admin:tester\"");
    }

    @Test
    void exposesPerRouteMetricsAndTheDashboard() throws Exception {
        http.send(call("/api/payments/1"), ofString());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/actuator/prometheus")).build(), ofString()).body();
            assertThat(metrics).contains("proxy_requests_seconds_count{route=\"payments-read\",stage=\"LEGACY\",status=\"2xx\",upstream=\"legacy\"}");
        });
        String dashboard = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/")).build(), ofString()).body();
        assertThat(dashboard).contains("strangler-proxy");
    }

    // ---- helpers

    record Admin(int status, String body, JsonNode json, String etag, String contentType) {
    }

    Admin admin(String method, String path, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .header("Authorization", "Bearer " + TOKEN).header("X-Operator", "tester")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = http.send(request.build(), ofString());
        JsonNode parsed = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Admin(response.statusCode(), response.body(), parsed, response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    void setStage(String id, Stage stage, int percent) {
        store.changeStage(id, stage, percent, null, "test", "test moves " + id);
    }

    String upstreamOf(HttpRequest request) throws Exception {
        return http.send(request, ofString()).headers().firstValue("X-Strangler-Upstream").orElseThrow();
    }

    URI proxy(String path) {
        return URI.create("http://127.0.0.1:" + plane.port() + path);
    }

    HttpRequest call(String path) {
        return HttpRequest.newBuilder(proxy(path)).build();
    }

    /** A POST whose body is over the test's limit ({@code proxy.max-request-body=64KB}). */
    HttpRequest overLimitPost() {
        return HttpRequest.newBuilder(proxy("/api/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(70_000))).build();
    }

    static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }

}
