package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsIT extends ServiceTest {

    @Test
    void readinessHealthAndPrometheusAreExposed() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        Api.Reply health = api.get("/actuator/health");
        assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.json().at("/components/pspCircuit/details/circuit").isMissingNode()).isFalse();
        Api.Reply metrics = api.send("GET", "/actuator/prometheus", null, null, Map.of("Accept", "text/plain"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("payments_psp_circuit_state");
    }

    @Test
    void honoursTraceparentAndCorrelationIdAndCarriesThemToTheOutbox() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Reply reply = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01", "X-Correlation-Id", "checkout-77"));

        assertThat(reply.header("X-Correlation-Id")).isEqualTo("checkout-77");
        assertThat(reply.header("traceparent")).contains(traceId);
        assertThat(db.fetch("select event_type from outbox where aggregate_id = ? and split_part(trace_id, '-', 2) = ? order by id",
                String.valueOf(reply.id()), traceId).getValues(0, String.class))
                .containsExactly("PaymentRequested", "PaymentAuthorized");
    }

    @Test
    void everyPaymentChangeWritesAnOutboxEvent() {
        Api.Reply created = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED));
        api.post("/api/payments/" + created.id() + "/capture", null);
        api.post("/api/payments/" + created.id() + "/refund", "{\"amount\":\"0.01\"}");

        assertThat(db.fetch("select event_type from outbox where aggregate_id = ? order by id",
                String.valueOf(created.id())).getValues(0, String.class))
                .containsExactly("PaymentRequested", "PaymentAuthorized", "PaymentCaptured", "PaymentRefunded");
        assertThat(created.id()).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void listsAnOrdersPayments() {
        long order = monolith().newOrder();
        Api.Reply created = api.post("/api/payments", authorize(order, APPROVED));

        Api.Reply list = api.get("/api/payments?orderId=" + order);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0)).isEqualTo(created.json());
    }

    @Test
    void listsThePaymentsOfSeveralOrdersAtOnce() {
        long first = monolith().newOrder();
        long second = monolith().newOrder();
        long third = monolith().newOrder();
        long a = api.post("/api/payments", authorize(first, APPROVED)).id();
        long b = api.post("/api/payments", authorize(second, APPROVED)).id();
        api.post("/api/payments", authorize(third, APPROVED));

        Api.Reply list = api.get("/api/payments?orderId=" + first + "&orderId=" + second);

        assertThat(list.status()).isEqualTo(200);
        assertThat(java.util.stream.StreamSupport.stream(list.json().spliterator(), false)
                .map(p -> p.get("id").asLong())).containsExactly(b, a);
    }

    @Test
    void refusesToLookUpMoreThan500OrdersAtOnce() {
        String ids = java.util.stream.LongStream.rangeClosed(1, 501).mapToObj(i -> "orderId=" + i)
                .collect(java.util.stream.Collectors.joining("&"));

        Api.Reply reply = api.get("/api/payments?" + ids);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.text("type")).endsWith("/too-many-orders");
    }

    @Test
    void voidsAnAuthorizationAtTheGatewayOnce() {
        Api.Reply created = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED));
        Map<String, String> key = Map.of("Idempotency-Key", "void-" + created.id());

        Api.Reply voided = api.post("/api/payments/" + created.id() + "/void", null, key);
        Api.Reply again = api.post("/api/payments/" + created.id() + "/void", null, key);

        assertThat(voided.status()).as(voided.body()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("VOIDED");
        assertThat(again.body()).isEqualTo(voided.body());
        assertThat(db.fetch("select event_type from outbox where aggregate_id = ? order by id",
                String.valueOf(created.id())).getValues(0, String.class))
                .containsExactly("PaymentRequested", "PaymentAuthorized", "PaymentVoided");
        Api.Reply capture = api.post("/api/payments/" + created.id() + "/capture", null);
        assertThat(capture.status()).isEqualTo(409);
    }

}
