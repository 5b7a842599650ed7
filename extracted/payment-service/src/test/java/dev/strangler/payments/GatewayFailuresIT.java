package dev.strangler.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.DECLINED;
import static dev.strangler.payments.Cards.GATEWAY_ERROR;
import static dev.strangler.payments.Cards.TIMEOUT;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.strangler.payments.payment.Payments;
import dev.strangler.payments.payment.domain.PaymentStatus;
import dev.strangler.payments.payment.internal.PaymentReconciler;
import dev.strangler.payments.psp.internal.PspCircuit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class GatewayFailuresIT extends ServiceTest {

    @Autowired
    PspCircuit circuit;

    @Autowired
    PaymentReconciler reconciler;

    @Autowired
    Payments payments;

    @AfterEach
    void closeCircuit() {
        circuit.breaker().transitionToClosedState();
    }

    private String status(long paymentId) {
        return db.fetchValue("select status from payments where id = ?", paymentId).toString();
    }

    private long lastPaymentOf(long orderId) {
        return db.fetchValue("select max(id) from payments where order_id = ?", orderId) instanceof Number n
                ? n.longValue() : -1;
    }

    @Test
    void aDeclineIsStoredAsDeclinedAndTheOrderCanBePaidAgain() {
        long order = monolith().newOrder();

        Api.Reply declined = api.post("/api/payments", authorize(order, DECLINED));
        Api.Reply retried = api.post("/api/payments", authorize(order, APPROVED));

        assertThat(declined.status()).isEqualTo(402);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(db.fetch("select status from payments where order_id = ? order by id", order)
                .getValues(0, String.class)).containsExactly("DECLINED", "AUTHORIZED");
    }

    @Test
    void aGatewayErrorStoresAFailedPaymentThatHoldsNoMoney() {
        long order = monolith().newOrder();

        Api.Reply reply = api.post("/api/payments", authorize(order, GATEWAY_ERROR));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(status(lastPaymentOf(order))).isEqualTo("FAILED");
    }

    @Test
    void aTimeoutLeavesAPendingPaymentThatTheReconcilerResolvesWithTheSameGatewayKey() {
        long order = monolith().newOrder();
        String key = UUID.randomUUID().toString();

        Api.Reply reply = api.post("/api/payments", authorize(order, TIMEOUT), Map.of("Idempotency-Key", key));

        assertThat(reply.status()).isEqualTo(504);
        long paymentId = reply.json().get("paymentId").asLong();
        assertThat(status(paymentId)).isEqualTo("PENDING");
        // the gateway did authorize it after all: it now answers the same idempotency key with that authorization
        StubMapping late = psp().server().stubFor(post(urlEqualTo("/v1/authorizations")).atPriority(0)
                .withHeader("Idempotency-Key", equalTo("authorize-" + paymentId))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"auth_late\",\"status\":\"AUTHORIZED\"}")));
        try {
            reconciler.reconcile(payments.find(paymentId).orElseThrow());
        } finally {
            psp().server().removeStub(late);
        }

        assertThat(status(paymentId)).isEqualTo("AUTHORIZED");
        Api.Reply retry = api.post("/api/payments", authorize(order, TIMEOUT), Map.of("Idempotency-Key", key));
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.text("pspReference")).isEqualTo("auth_late");
        assertThat(api.post("/api/payments", authorize(order, APPROVED)).text("type"))
                .isEqualTo("/problems/order-already-paid");
    }

    @Test
    void aPendingPaymentTheGatewayNeverAnswersEndsFailedAfterMaxAttempts() {
        long order = monolith().newOrder();
        Api.Reply reply = api.post("/api/payments", authorize(order, TIMEOUT));
        long paymentId = reply.json().get("paymentId").asLong();
        db.execute("update payments set psp_attempts = 4 where id = ?", paymentId);

        reconciler.reconcile(payments.find(paymentId).orElseThrow());

        assertThat(status(paymentId)).isEqualTo(PaymentStatus.FAILED.name());
    }

    @Test
    void anOpenCircuitFailsFastWithoutCallingTheGateway() {
        circuit.breaker().transitionToClosedState();
        for (int i = 0; i < 10; i++) {
            api.post("/api/payments", authorize(monolith().newOrder(), GATEWAY_ERROR));
        }
        assertThat(circuit.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        psp().resetJournal();

        Api.Reply reply = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.text("type")).isEqualTo("/problems/psp-unavailable");
        assertThat(psp().authorizationRequests()).isEmpty();
        Api.Reply health = api.get("/actuator/health");
        assertThat(health.json().at("/components/pspCircuit/details/circuit").asString()).isEqualTo("OPEN");
    }
}
