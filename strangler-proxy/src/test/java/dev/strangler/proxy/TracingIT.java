package dev.strangler.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.strangler.proxy.canary.CanarySplit;
import dev.strangler.proxy.forward.DataPlane;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.ShadowRules;
import dev.strangler.proxy.route.Stage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The data plane's spans, recorded by the application's Brave tracer into an in-memory handler (Zipkin is a
 * third-party sink; the handler sees exactly what it would be sent), with WireMock as legacy and extracted upstreams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingIT {

    static final WireMockServer legacy = new WireMockServer(options().dynamicPort());
    static final WireMockServer extracted = new WireMockServer(options().dynamicPort());
    static final Path dir;
    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])");
    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static final String PAN = "4111111111111111";

    static {
        legacy.start();
        extracted.start();
        try {
            dir = Files.createTempDirectory("tracing-it");
            Files.writeString(dir.resolve("token"), "test-admin-token-0123456789abcdef");
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
    }

    /** Collects every finished span, as a Zipkin reporter would receive them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        @Bean
        Collected collected() {
            return new Collected();
        }
    }

    static final class Collected extends SpanHandler {
        final Queue<MutableSpan> spans = new ConcurrentLinkedQueue<>();

        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            if (cause == Cause.FINISHED) {
                spans.add(span);
            }
            return true;
        }
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
    Collected collected;

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
        collected.spans.clear();
    }

    @Test
    void continuesTheCallersTraceWithOneServerSpanWhoseContextGoesUpstream() throws Exception {
        assertThat(plane.recordsSpans()).isTrue();
        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/api/payments/" + PAN + "?card=" + PAN))
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .header("X-Correlation-Id", "cid-" + PAN));

        assertThat(response.statusCode()).isEqualTo(200);
        MutableSpan span = awaitSpan("proxy GET /api/payments/**");
        assertThat(span.kind()).isEqualTo(brave.Span.Kind.SERVER);
        assertThat(span.traceId()).isEqualTo(CALLER_TRACE);
        assertThat(span.parentId()).isEqualTo(CALLER_SPAN);
        assertThat(span.id()).isNotEqualTo(CALLER_SPAN);
        assertThat(span.tags()).containsEntry("proxy.route", "payments-read").containsEntry("proxy.stage", "LEGACY")
                .containsEntry("proxy.upstream", "legacy").containsEntry("http.status_code", "200")
                .containsEntry("http.method", "GET").containsEntry("http.route", "/api/payments/**")
                .containsEntry("correlation.id", "cid-****1111").doesNotContainKey("error")
                .doesNotContainKey("proxy.shadow").doesNotContainKey("proxy.canary.percent");
        assertThat(span.toString()).doesNotContain(PAN);

        Matcher upstream = traceparent(legacy.findAll(getRequestedFor(urlPathEqualTo("/api/payments/" + PAN))).getFirst());
        assertThat(upstream.group(1)).isEqualTo(CALLER_TRACE);
        assertThat(upstream.group(2)).isEqualTo(span.id());
        assertThat(upstream.group(3)).isEqualTo("01");
        assertThat(proxySpans()).hasSize(1);
    }

    @Test
    void startsANewTraceWhenTheCallerSendsNoneOrAnInvalidOne() throws Exception {
        send(HttpRequest.newBuilder(proxy("/api/orders/7")));
        send(HttpRequest.newBuilder(proxy("/api/orders/8")).header("traceparent", "00-" + "0".repeat(32) + "-" + CALLER_SPAN + "-01"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(proxySpans()).hasSize(2));
        for (String order : List.of("7", "8")) {
            Matcher upstream = traceparent(legacy.findAll(getRequestedFor(urlEqualTo("/api/orders/" + order))).getFirst());
            MutableSpan span = proxySpans().stream().filter(s -> s.id().equals(upstream.group(2))).findFirst().orElseThrow();
            assertThat(span.parentId()).isNull();
            assertThat(span.traceId()).isEqualTo(upstream.group(1)).isNotEqualTo("0".repeat(32));
            assertThat(span.name()).isEqualTo("proxy GET /**");
            assertThat(span.tags()).containsEntry("proxy.route", "legacy");
        }
    }

    @Test
    void anUnsampledTraceGetsNoSpanButItsIdsStillGoUpstreamWithFlags00() throws Exception {
        send(HttpRequest.newBuilder(proxy("/api/payments/3")).header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-00"));
        send(HttpRequest.newBuilder(proxy("/api/payments/4")));  // a sampled one after it: spans are flowing

        awaitSpan("proxy GET /api/payments/**");
        assertThat(proxySpans()).hasSize(1);
        assertThat(proxySpans().getFirst().traceId()).isNotEqualTo(CALLER_TRACE);
        Matcher upstream = traceparent(legacy.findAll(getRequestedFor(urlEqualTo("/api/payments/3"))).getFirst());
        assertThat(upstream.group(1)).isEqualTo(CALLER_TRACE);
        assertThat(upstream.group(2)).isNotEqualTo(CALLER_SPAN);
        assertThat(upstream.group(3)).isEqualTo("00");
    }

    @Test
    void shadowMirrorGetsAClientSpanUnderTheProxySpanAndCarriesItsContext() throws Exception {
        setStage("payments-read", Stage.SHADOW, 0);

        send(HttpRequest.newBuilder(proxy("/api/payments/5")).header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"));

        MutableSpan server = awaitSpan("proxy GET /api/payments/**");
        MutableSpan mirror = awaitSpan("shadow GET /api/payments/**");
        assertThat(server.tags()).containsEntry("proxy.shadow", "mirrored").containsEntry("proxy.stage", "SHADOW")
                .containsEntry("proxy.upstream", "legacy");
        assertThat(mirror.kind()).isEqualTo(brave.Span.Kind.CLIENT);
        assertThat(mirror.traceId()).isEqualTo(CALLER_TRACE);
        assertThat(mirror.parentId()).isEqualTo(server.id());
        assertThat(mirror.remoteServiceName()).isEqualTo("extracted");
        assertThat(mirror.tags()).containsEntry("http.status_code", "200").containsEntry("proxy.route", "payments-read");

        Matcher toLegacy = traceparent(legacy.findAll(getRequestedFor(urlEqualTo("/api/payments/5"))).getFirst());
        Matcher toExtracted = traceparent(extracted.findAll(getRequestedFor(urlEqualTo("/api/payments/5"))).getFirst());
        assertThat(toLegacy.group(2)).isEqualTo(server.id());
        assertThat(toExtracted.group(2)).isEqualTo(mirror.id());
    }

    @Test
    void aShadowedWriteIsMirroredAsADryRunOnlyWhenTheServiceSupportsItAndTheSpanSaysWhich() throws Exception {
        setStage("payments-write", Stage.SHADOW, 0);  // the shipped route declares dry-run support

        send(HttpRequest.newBuilder(proxy("/api/payments")).POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1}"))
                .header("Content-Type", "application/json"));

        MutableSpan mirrored = awaitSpan("proxy POST /api/payments/**");
        assertThat(mirrored.tags()).containsEntry("proxy.shadow", "mirrored").doesNotContainKey("proxy.shadow.skipped");
        assertThat(awaitSpan("shadow POST /api/payments/**").parentId()).isEqualTo(mirrored.id());
        extracted.verify(postRequestedFor(urlEqualTo("/api/payments")));

        collected.spans.clear();
        Route write = store.current().route("payments-write").orElseThrow();
        store.put(new Route(write.id(), write.path(), write.methods(), write.legacy(), write.extracted(), Stage.SHADOW, 0,
                "test", 0, write.timeouts(), new ShadowRules(false, List.of(), 0, false, List.of(), 5, List.of()), write.slo(), null),
                write.version(), "test", "no dry-run support");

        send(HttpRequest.newBuilder(proxy("/api/payments")).POST(HttpRequest.BodyPublishers.ofString("{}")));

        MutableSpan skipped = awaitSpan("proxy POST /api/payments/**");
        assertThat(skipped.tags()).containsEntry("proxy.shadow", "skipped")
                .containsEntry("proxy.shadow.skipped", "method-not-mirrored");
        assertThat(collected.spans).noneMatch(s -> "shadow POST /api/payments/**".equals(s.name()));
    }

    @Test
    void canaryDecisionIsOnTheSpan() throws Exception {
        setStage("payments-read", Stage.CANARY, 50);
        String toExtracted = null;
        for (int id = 1; toExtracted == null; id++) {
            if (CanarySplit.toExtracted("caller:" + id, 50)) {
                toExtracted = Integer.toString(id);
            }
        }

        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/api/payments/9")).header("X-Customer-Id", toExtracted));
        send(HttpRequest.newBuilder(proxy("/api/payments/10")));

        assertThat(response.headers().firstValue("X-Strangler-Upstream")).hasValue("extracted");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(proxySpans()).hasSize(2));
        Map<String, String> customer = spanFor(extracted, "/api/payments/9").tags();
        assertThat(customer).containsEntry("proxy.stage", "CANARY").containsEntry("proxy.canary.percent", "50")
                .containsEntry("proxy.canary.bucket", Integer.toString(CanarySplit.bucket("caller:" + toExtracted)))
                .containsEntry("proxy.canary.key", "caller-header").containsEntry("proxy.upstream", "extracted");
        WireMockServer served = legacy.findAll(getRequestedFor(urlEqualTo("/api/payments/10"))).isEmpty() ? extracted : legacy;
        Map<String, String> newcomer = spanFor(served, "/api/payments/10").tags();
        assertThat(newcomer).containsEntry("proxy.canary.key", "new-cookie").containsKey("proxy.canary.bucket");
    }

    @Test
    void anUnreachableUpstreamIsAnErrorOnTheSpan() throws Exception {
        Route write = store.current().route("payments-write").orElseThrow();
        store.put(write.withStage(Stage.EXTRACTED, 0, null).withUpstreams(write.legacy(), URI.create("http://127.0.0.1:1")),
                write.version(), "test", "extracted side down");

        HttpResponse<String> response = send(HttpRequest.newBuilder(proxy("/api/payments/11")).DELETE());

        assertThat(response.statusCode()).isEqualTo(502);
        MutableSpan span = awaitSpan("proxy DELETE /api/payments/**");
        assertThat(span.tags()).containsEntry("error", "upstream-unavailable").containsEntry("http.status_code", "502")
                .containsEntry("proxy.route", "payments-write").containsEntry("proxy.upstream", "extracted");
    }

    @Test
    void aRequestRefusedAtTheEdgeIsASpanOfTheCallersTrace() throws Exception {
        URI uri = proxy("/api/payments/" + PAN);
        String statusLine;
        // a raw request: the JDK client refuses to declare a Content-Length its body does not have
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\ntraceparent: 00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"
                    + "\r\nContent-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));
            statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }

        assertThat(statusLine).startsWith("HTTP/1.1 413");
        MutableSpan span = awaitSpan("proxy POST /api/payments/**");
        assertThat(span.traceId()).isEqualTo(CALLER_TRACE);
        assertThat(span.parentId()).isEqualTo(CALLER_SPAN);
        assertThat(span.tags()).containsEntry("error", "request-too-large").containsEntry("http.status_code", "413")
                .containsEntry("proxy.route", "payments-write");
        assertThat(span.toString()).doesNotContain(PAN);
        assertThat(legacy.findAll(postRequestedFor(urlPathEqualTo("/api/payments/" + PAN)))).isEmpty();
    }

    // ---- helpers

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    List<MutableSpan> proxySpans() {
        return collected.spans.stream().filter(s -> s.name() != null && s.name().startsWith("proxy ")).toList();
    }

    MutableSpan awaitSpan(String name) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> collected.spans.stream().filter(s -> name.equals(s.name())).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** The proxy span whose context went to {@code server} with the request for {@code path}. */
    MutableSpan spanFor(WireMockServer server, String path) {
        String spanId = traceparent(server.findAll(getRequestedFor(urlEqualTo(path))).getFirst()).group(2);
        return proxySpans().stream().filter(s -> s.id().equals(spanId)).findFirst().orElseThrow();
    }

    static Matcher traceparent(LoggedRequest request) {
        Matcher m = TRACEPARENT.matcher(request.getHeader("traceparent"));
        assertThat(m.matches()).as("traceparent %s", request.getHeader("traceparent")).isTrue();
        return m;
    }

    void setStage(String id, Stage stage, int percent) {
        store.changeStage(id, stage, percent, null, "test", "test moves " + id);
    }

    URI proxy(String path) {
        return URI.create("http://127.0.0.1:" + plane.port() + path);
    }
}
