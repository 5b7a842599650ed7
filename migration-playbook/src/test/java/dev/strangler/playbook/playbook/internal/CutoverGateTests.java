package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.playbook.playbook.CutoverSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CutoverGateTests {

    @Test
    void passesWithNoMismatchUnderTheDefaultGate() {
        Verdict verdict = CutoverGate.judge(CutoverSettings.DEFAULTS, 0, "payments");

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("0 mismatches");
    }

    @Test
    void passesAtItsOwnLimit() {
        assertThat(CutoverGate.judge(new CutoverSettings(5, Duration.ZERO), 5, "payments").passed()).isTrue();
    }

    @Test
    void failsOnOneMismatchOverTheLimit() {
        Verdict verdict = CutoverGate.judge(CutoverSettings.DEFAULTS, 1, "customers");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("1 rows differ after cutover");
        assertThat(verdict.hint()).startsWith("./strangler reconcile customers;");
    }
}
