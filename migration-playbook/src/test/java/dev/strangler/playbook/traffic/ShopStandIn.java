package dev.strangler.playbook.traffic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A WireMock stand-in of the shop behind the proxy, answering like the monolith's API (openapi.yaml): five products,
 * three customers, checkout and payments with fresh ids, the fake gateway's declining cards answered 402.
 */
final class ShopStandIn implements AutoCloseable {

    static final String DECLINING = "$[?(@.cardNumber == '4000000000000002' || @.cardNumber == '4000000000009995')]";

    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64)
            .jettyAcceptors(2));

    ShopStandIn() {
        server.start();
        server.stubFor(get(urlPathEqualTo("/api/products")).willReturn(json(200, """
                {"items":[{"id":1,"stock":10},{"id":2,"stock":10},{"id":3,"stock":10},{"id":4,"stock":10},
                {"id":5,"stock":0}],"page":0,"size":100,"totalItems":5,"totalPages":1}""")));
        server.stubFor(get(urlPathEqualTo("/api/customers")).willReturn(json(200, """
                {"items":[{"id":1},{"id":2},{"id":3}],"page":0,"size":100,"totalItems":3,"totalPages":1}""")));
        stubTheShop(0);
        warmUp();
    }

    /** Everything but the catalog and customer lists (which the generator reads before it starts) answers late. */
    void delayAnswers(int millis) {
        stubTheShop(millis); // the latest of equal stubs wins
    }

    private void stubTheShop(int delay) {
        server.stubFor(get(urlPathMatching("/api/(products|customers|orders|payments)/\\d+"))
                .willReturn(json(200, "{\"id\":1}").withFixedDelay(delay)));
        server.stubFor(get(urlPathEqualTo("/api/reports/sales")).willReturn(json(200, "{\"orders\":1}").withFixedDelay(delay)));
        server.stubFor(post(urlPathEqualTo("/api/orders")).atPriority(5).willReturn(json(201, """
                {"id":{{randomInt lower=1 upper=1000000000}},"customerId":1,"status":"AWAITING_PAYMENT","total":"20.00"}""")
                .withFixedDelay(delay)));
        server.stubFor(post(urlPathEqualTo("/api/orders")).atPriority(4)
                .withRequestBody(matchingJsonPath("$.cardNumber")).willReturn(json(201, """
                {"id":{{randomInt lower=1 upper=1000000000}},"customerId":1,"status":"PAID","total":"20.00",
                "payment":{"id":{{randomInt lower=1 upper=1000000000}},"status":"AUTHORIZED","amount":"20.00"}}""")
                .withFixedDelay(delay)));
        server.stubFor(post(urlPathEqualTo("/api/orders")).atPriority(3)
                .withRequestBody(matchingJsonPath(DECLINING)).willReturn(declined().withFixedDelay(delay)));
        server.stubFor(post(urlPathEqualTo("/api/customers")).willReturn(json(201, """
                {"id":1000000001,"email":"new@example.test","name":"Ada Newcomer 1"}""")));
        server.stubFor(post(urlPathEqualTo("/api/payments")).atPriority(5).willReturn(json(201, """
                {"id":{{randomInt lower=1 upper=1000000000}},"status":"AUTHORIZED","amount":"20.00","cardLast4":"4242"}""")
                .withFixedDelay(delay)));
        server.stubFor(post(urlPathEqualTo("/api/payments")).atPriority(3)
                .withRequestBody(matchingJsonPath(DECLINING)).willReturn(declined().withFixedDelay(delay)));
        server.stubFor(post(urlPathMatching("/api/payments/\\d+/capture")).willReturn(json(200, """
                {"id":1,"status":"CAPTURED","amount":"20.00","capturedAmount":"20.00","refundedAmount":"0.00"}""")
                .withFixedDelay(delay)));
        server.stubFor(post(urlPathMatching("/api/payments/\\d+/refund")).willReturn(json(200, """
                {"id":1,"status":"PARTIALLY_REFUNDED","capturedAmount":"20.00","refundedAmount":"10.00"}""")
                .withFixedDelay(delay)));
    }

    /** WireMock's first templated answers are slow (class loading): get that over with, then forget the requests. */
    private void warmUp() {
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (int i = 0; i < 20; i++) {
                http.send(HttpRequest.newBuilder(uri().resolve("/api/orders")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"cardNumber\":\"4242424242424242\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
                http.send(HttpRequest.newBuilder(uri().resolve("/api/payments/1/capture"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.resetRequests();
    }

    URI uri() {
        return URI.create(server.baseUrl());
    }

    /** Overrides one route (higher priority than the defaults above). */
    void stub(MappingBuilder mapping) {
        server.stubFor(mapping.atPriority(1));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .withTransformers("response-template");
    }

    static ResponseDefinitionBuilder problem(int status, String type) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"" + type + "\",\"status\":" + status + "}");
    }

    private static ResponseDefinitionBuilder declined() {
        return problem(402, "/problems/card-declined");
    }

    @Override
    public void close() {
        server.stop();
    }
}
