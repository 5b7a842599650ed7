package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.playbook.playbook.ShadowSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowGateTests {

    /** The shipped payments gate: 1000 answers per route, 200 on the write route, 1 % at most differing. */
    private static final ShadowSettings GATE = new ShadowSettings(20, Duration.ofSeconds(10), 1000,
            Map.of("payments-write", 200L), 0.01, Duration.ofSeconds(300));

    @Test
    void passesWhenEveryRouteComparedItsMinimumAndDiffersAtMostAtTheLimit() {
        Verdict verdict = ShadowGate.judge(GATE, routes(1000, 200), routes(0.01, 0.0));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("answers compared after the warm-up on every route: payments-read"
                + " 1000, diff rate 1.00%; payments-write 200, diff rate 0.00%");
    }

    @Test
    void aRouteUnderItsOwnMinComparedFailsThoughItIsTheOnlyOne() {
        Map<String, Long> compared = routes(5000, 199);

        assertThat(ShadowGate.shortOfAnswers(GATE, compared)).containsExactly("payments-write");
        Verdict verdict = ShadowGate.judge(GATE, compared, routes(0.0, 0.0));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("too few answers compared in time: payments-read 5000/1000,"
                + " payments-write 199/200");
        assertThat(verdict.hint()).contains("traffic-rps", "timeout-seconds");
    }

    @Test
    void aRouteUnderMinComparedFails() {
        Map<String, Long> compared = routes(999, 5000);

        assertThat(ShadowGate.shortOfAnswers(GATE, compared)).containsExactly("payments-read");
        assertThat(ShadowGate.judge(GATE, compared, routes(0.0, 0.0)).sentence())
                .startsWith("too few answers compared in time: payments-read 999/1000");
    }

    @Test
    void aRouteWithAMinimumOfZeroIsJudgedWithoutAnAnswer() {
        // customers-write: no dry run, so writes are never mirrored
        ShadowSettings gate = new ShadowSettings(20, Duration.ofSeconds(10), 1000, Map.of("payments-write", 0L), 0.01,
                Duration.ofSeconds(300));

        assertThat(ShadowGate.judge(gate, routes(1000, 0), routes(0.0, 0.0)).passed()).isTrue();
    }

    @Test
    void failsOnADiffRateJustAboveTheGateNamingOnlyThatRoute() {
        Verdict verdict = ShadowGate.judge(GATE, routes(1000, 400), routes(0.0, 0.0101));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("payments-write: diff rate 1.01% over 400 compared (gate: <= 1.00% on"
                + " every route)");
        assertThat(verdict.hint()).startsWith("./strangler route diffs payments-write shows what differs");
    }

    @Test
    void namesEveryRouteOverTheGate() {
        Verdict verdict = ShadowGate.judge(GATE, routes(2000, 400), routes(0.05, 0.5));

        assertThat(verdict.sentence()).isEqualTo("payments-read: diff rate 5.00% over 2000 compared; payments-write:"
                + " diff rate 50.00% over 400 compared (gate: <= 1.00% on every route)");
    }

    @Test
    void countsEachRouteAgainstItsOwnMinimum() {
        assertThat(ShadowGate.counts(GATE, routes(10, 20))).isEqualTo("payments-read 10/1000, payments-write 20/200");
    }

    private static <T> Map<String, T> routes(T read, T write) {
        Map<String, T> routes = new LinkedHashMap<>();
        routes.put("payments-read", read);
        routes.put("payments-write", write);
        return routes;
    }

    private static Map<String, Long> routes(long read, long write) {
        return routes(Long.valueOf(read), Long.valueOf(write));
    }
}
