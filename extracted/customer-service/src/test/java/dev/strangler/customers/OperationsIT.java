package dev.strangler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsIT extends ServiceTest {

    @Test
    void readinessHealthAndPrometheusAreExposed() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").json().at("/components/db/status").asString()).isEqualTo("UP");
        api.get("/api/customers?size=1");
        Api.Reply metrics = api.send("GET", "/actuator/prometheus", null, null, Map.of("Accept", "text/plain"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count{", "uri=\"/api/customers\"",
                "http_client_requests_seconds_count{");
    }

    @Test
    void servesItsOpenApiDocument() {
        Api.Reply spec = api.send("GET", "/openapi.yaml", null, null, Map.of("Accept", "*/*"));

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi: 3.", "/api/customers/{id}", "paymentsUnavailable", "email-taken");
    }

    @Test
    void continuesTheCallersTraceAndEchoesTheCorrelationId() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        Api.Reply reply = api.get("/api/customers/1", Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01",
                "X-Correlation-Id", "support-ticket-77"));

        assertThat(reply.header("X-Correlation-Id")).isEqualTo("support-ticket-77");
        assertThat(reply.header("traceparent")).startsWith("00-" + traceId + "-");
    }
}
