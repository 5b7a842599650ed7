package dev.strangler.lab.psp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.http.DelayDistribution;
import com.github.tomakehurst.wiremock.http.UniformDistribution;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * The fake payment gateway.
 *
 * <h2>API</h2>
 * <ul>
 *   <li>{@code POST /v1/authorizations} with {@code {"amount": "12.50", "currency": "EUR", "card_number": "...",
 *       "reference": "order-42"}} and an optional {@code Idempotency-Key} header: 201 {@code {"id": "auth_...",
 *       "status": "AUTHORIZED", ...}}; 402 {@code {"status": "DECLINED", "decline_code": ...}} for declining
 *       {@link TestCard}s; 503 for {@link TestCard#GATEWAY_ERROR}; a very late answer for {@link TestCard#TIMEOUT};
 *       400 when the body lacks a card number, an amount or a currency.</li>
 *   <li>{@code POST /v1/authorizations/{id}/capture} with {@code {"amount": ...}}: 200 {@code {"status": "CAPTURED"}}.</li>
 *   <li>{@code POST /v1/authorizations/{id}/void}: 200 {@code {"status": "VOIDED"}}.</li>
 *   <li>{@code POST /v1/authorizations/{id}/refunds} with {@code {"amount": ...}}: 201 {@code {"status": "REFUNDED"}}.</li>
 * </ul>
 * WireMock's admin API ({@code /__admin/requests}) exposes the journal of every call received.
 */
public final class FakePsp implements AutoCloseable {

    static final String AUTHORIZATIONS = "/v1/authorizations";

    private final WireMockServer server;

    private FakePsp(WireMockServer server) {
        this.server = server;
    }

    /** Starts the gateway on 127.0.0.1 with its stubs installed. */
    public static FakePsp start(FakePspSettings settings) {
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .port(settings.port())
                .containerThreads(32)
                .jettyAcceptors(1)
                .maxRequestJournalEntries(200_000)
                .notifier(new ConsoleNotifier(false)));
        server.start();
        FakePsp psp = new FakePsp(server);
        psp.installStubs(settings);
        psp.warmUp();
        return psp;
    }

    /**
     * One authorization before anyone else calls: the first templated answer compiles WireMock's templates, which
     * took over a second on a loaded 2-core machine and tripped callers' short read timeouts in tests.
     */
    private void warmUp() {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + AUTHORIZATIONS))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\",\"currency\":\"EUR\","
                        + "\"card_number\":\"" + TestCard.VISA_APPROVED.number() + "\",\"reference\":\"warm-up\"}"))
                .timeout(java.time.Duration.ofSeconds(30))
                .build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the fake payment gateway does not answer on " + baseUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.resetRequests();
        }
    }

    private void installStubs(FakePspSettings settings) {
        DelayDistribution latency = settings.maxLatencyMs() == 0 ? null
                : new UniformDistribution(settings.minLatencyMs(), settings.maxLatencyMs());

        // anything that is not a well-formed authorization is a client error (lowest priority wins last)
        server.stubFor(post(urlEqualTo(AUTHORIZATIONS)).atPriority(10)
                .willReturn(json(400, "{\"status\":\"INVALID\",\"message\":\"amount, currency and card_number are required\"}")));

        server.stubFor(post(urlEqualTo(AUTHORIZATIONS)).atPriority(5)
                .withRequestBody(matchingJsonPath("$.card_number", matching("\\d{12,19}")))
                .withRequestBody(matchingJsonPath("$.amount"))
                .withRequestBody(matchingJsonPath("$.currency"))
                .willReturn(withLatency(json(201, """
                        {"id":"auth_{{randomValue type='UUID'}}","status":"AUTHORIZED",\
                        "amount":"{{jsonPath request.body '$.amount'}}","currency":"{{jsonPath request.body '$.currency'}}",\
                        "reference":"{{jsonPath request.body '$.reference'}}"}""").withTransformers("response-template"), latency)));

        decline(TestCard.DECLINED, "card_declined", latency);
        decline(TestCard.INSUFFICIENT_FUNDS, "insufficient_funds", latency);

        server.stubFor(post(urlEqualTo(AUTHORIZATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.card_number", equalTo(TestCard.GATEWAY_ERROR.number())))
                .willReturn(withLatency(json(503, "{\"status\":\"ERROR\",\"message\":\"gateway unavailable\"}"), latency)));

        server.stubFor(post(urlEqualTo(AUTHORIZATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.card_number", equalTo(TestCard.TIMEOUT.number())))
                .willReturn(json(504, "{\"status\":\"ERROR\",\"message\":\"upstream timeout\"}")
                        .withFixedDelay(settings.timeoutDelayMs())));

        server.stubFor(post(urlPathMatching(AUTHORIZATIONS + "/[^/]+/capture")).atPriority(5)
                .willReturn(withLatency(json(200, """
                        {"id":"{{request.pathSegments.[2]}}","status":"CAPTURED",\
                        "amount":"{{jsonPath request.body '$.amount'}}"}""").withTransformers("response-template"), latency)));

        server.stubFor(post(urlPathMatching(AUTHORIZATIONS + "/[^/]+/void")).atPriority(5)
                .willReturn(withLatency(json(200, """
                        {"id":"{{request.pathSegments.[2]}}","status":"VOIDED"}""").withTransformers("response-template"),
                        latency)));

        server.stubFor(post(urlPathMatching(AUTHORIZATIONS + "/[^/]+/refunds")).atPriority(5)
                .willReturn(withLatency(json(201, """
                        {"id":"rf_{{randomValue type='UUID'}}","authorization":"{{request.pathSegments.[2]}}",\
                        "status":"REFUNDED","amount":"{{jsonPath request.body '$.amount'}}"}""").withTransformers("response-template"), latency)));
    }

    private void decline(TestCard card, String code, DelayDistribution latency) {
        server.stubFor(post(urlEqualTo(AUTHORIZATIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.card_number", equalTo(card.number())))
                .willReturn(withLatency(json(402, "{\"status\":\"DECLINED\",\"decline_code\":\"" + code + "\"}"), latency)));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder withLatency(ResponseDefinitionBuilder response, DelayDistribution latency) {
        return latency == null ? response : response.withRandomDelay(latency);
    }

    public int port() {
        return server.port();
    }

    /** The gateway's base URL, e.g. {@code http://127.0.0.1:8089}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every authorization request received so far (the evidence for duplicate-charge checks). */
    public List<LoggedRequest> authorizationRequests() {
        return server.findAll(postRequestedFor(urlEqualTo(AUTHORIZATIONS)));
    }

    /** Forgets the journal (not the stubs), e.g. between tests. */
    public void resetJournal() {
        server.resetRequests();
    }

    /** The underlying server, for tests that add stubs of their own. */
    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
