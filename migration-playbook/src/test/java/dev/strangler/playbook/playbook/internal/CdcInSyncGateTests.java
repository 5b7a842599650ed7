package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.playbook.playbook.CdcInSyncSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CdcInSyncGateTests {

    private static final CdcInSyncSettings GATE = new CdcInSyncSettings(2, 5000, Duration.ofSeconds(30),
            Duration.ofSeconds(600));

    @Test
    void passesWithMismatchesAndLagAtTheirLimits() {
        Verdict verdict = CdcInSyncGate.judge(GATE, 2, 5000, "payments");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("2 mismatches, lag 5000 ms");
    }

    @Test
    void failsOnOneMismatchOverTheLimit() {
        Verdict verdict = CdcInSyncGate.judge(GATE, 3, 0, "payments");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("3 rows differ between the databases (gate: <= 2)");
        assertThat(verdict.hint()).startsWith("./strangler reconcile payments names them");
    }

    @Test
    void failsWhenTheBridgeLagsOneMillisecondOver() {
        Verdict verdict = CdcInSyncGate.judge(GATE, 0, 5001, "payments");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("the bridge lags 5001 ms (gate: <= 5000 ms)");
        assertThat(verdict.hint()).contains("wait for the bridge to catch up");
    }

    @Test
    void namesTheMismatchesFirstWhenBothFail() {
        // rows that differ need a person; a lag only needs time
        assertThat(CdcInSyncGate.judge(GATE, 3, 9000, "payments").sentence()).startsWith("3 rows differ");
    }

    @Test
    void theDefaultGateAllowsNoMismatch() {
        assertThat(CdcInSyncGate.judge(CdcInSyncSettings.DEFAULTS, 0, 0, "payments").passed()).isTrue();
        assertThat(CdcInSyncGate.judge(CdcInSyncSettings.DEFAULTS, 1, 0, "payments").passed()).isFalse();
    }
}
