package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.playbook.playbook.CanarySettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryGateTests {

    /** The shipped gate: 1 % of errors at most, judged over at least 50 answers of the service. */
    private static final CanarySettings GATE = new CanarySettings(List.of(5, 25, 50, 100), Duration.ofSeconds(15), 20,
            0.01, 50);

    @Test
    void passesWithAnErrorRateAtTheLimitOverEnoughAnswers() {
        Verdict verdict = CanaryGate.judge(GATE, window(false, 200, 0.01), "payment-service");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("payments-read at 25%: error rate 1.00% over 200 answers of the"
                + " service");
    }

    @Test
    void failsOnAnErrorRateAboveTheGateOverEnoughAnswers() {
        Verdict verdict = CanaryGate.judge(GATE, window(false, 50, 0.0101), "payment-service");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("the service's error rate on payments-read was 1.01% at 25% (gate:"
                + " <= 1.00%)");
        assertThat(verdict.hint()).startsWith("./strangler logs payment-service;");
    }

    @Test
    void doesNotJudgeAnErrorRateOverTooFewAnswers() {
        // 1 error in 5 answers is 20 %, and says nothing about the service
        Verdict verdict = CanaryGate.judge(GATE, window(false, 49, 0.5), "payment-service");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("payments-read at 25%: not judged, 49 answers of the service (gate:"
                + " >= 50)");
    }

    @Test
    void failsWhenTheProxyRolledTheRouteBackWhateverTheErrorRate() {
        Verdict verdict = CanaryGate.judge(GATE, window(true, 0, 0.0), "payment-service");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("the proxy rolled payments-read back at 25%: p99 1200 ms over 1000"
                + " ms");
        assertThat(verdict.hint()).contains("./strangler logs payment-service", "./strangler playbook rollback");
    }

    private static CanaryGate.Window window(boolean rolledBack, long requests, double errorRate) {
        return new CanaryGate.Window("payments-read", 25, rolledBack, "p99 1200 ms over 1000 ms", requests, errorRate);
    }
}
