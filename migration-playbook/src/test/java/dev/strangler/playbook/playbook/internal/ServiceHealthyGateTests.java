package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceHealthyGateTests {

    private static final String URL = "http://127.0.0.1:8082";

    @Test
    void passesWhenReadyAndAMissingRowIsA404() {
        Verdict verdict = ServiceHealthyGate.judge("payment-service", URL, 200, true, 404);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("payment-service ready at http://127.0.0.1:8082");
    }

    @Test
    void passesWhenReadyWithNoReadRouteToProbe() {
        assertThat(ServiceHealthyGate.judge("payment-service", URL, 200, false, 0).passed()).isTrue();
    }

    @Test
    void failsWhenNotReady() {
        Verdict verdict = ServiceHealthyGate.judge("payment-service", URL, 503, true, 404);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("payment-service is not ready (readiness 503, API 404)");
        assertThat(verdict.hint()).isEqualTo("./strangler status; ./strangler logs payment-service");
    }

    @Test
    void failsWhenAMissingRowIsNotA404() {
        Verdict verdict = ServiceHealthyGate.judge("payment-service", URL, 200, true, 500);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("payment-service is not ready (readiness 200, API 500)");
    }
}
