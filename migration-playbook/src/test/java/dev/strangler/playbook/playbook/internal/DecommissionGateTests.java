package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DecommissionGateTests {

    private static final DecommissionGate.Rule CLEAN = new DecommissionGate.Rule(0, Map.of(), 14,
            "reports/analysis-payments.md");
    private static final DecommissionGate.Seam SWITCHED = new DecommissionGate.Seam("payments", "remote", "remote",
            Duration.ofSeconds(30));
    private static final DecommissionGate.Masking MASKED = new DecommissionGate.Masking(
            List.of("payments.card_number"), 300, 0);
    private static final DecommissionGate.Probe SERVED = new DecommissionGate.Probe("/api/payments/42", 200);

    /** What a decommission of the shop's payments that went well finds. */
    private static final DecommissionGate.Observed DONE = new DecommissionGate.Observed("payments",
            "payment-service", List.of(), "reports/pci-scope.md", "decommissioned", "legacy-monolith-decommissioned",
            DecommissionGate.DECOMMISSIONED_BUILD, CLEAN, SWITCHED, MASKED, SERVED);

    @Test
    void passesWhenEveryConditionHolds() {
        Verdict verdict = DecommissionGate.judge(DONE);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("monolith redeployed without its in-process code (service side"
                + " only, no in-process code; the frozen rule finds 0 classes touching the payments extraction's"
                + " tables, 14 at the start), 300 card numbers masked in payments.card_number, none left, nor in the"
                + " database's files (statistics rebuilt, WAL moved on); card numbers only in the vault"
                + " (reports/pci-scope.md)");
    }

    @Test
    void passesWithoutARowToServe() {
        assertThat(DecommissionGate.judge(with(CLEAN, SWITCHED, MASKED, null)).passed()).isTrue();
    }

    @Test
    void passesWithoutATokenizedColumnToMask() {
        Verdict verdict = DecommissionGate.judge(with(CLEAN, SWITCHED, new DecommissionGate.Masking(List.of(), 0, 0),
                SERVED));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).contains("14 at the start), no tokenized column to mask; card numbers only in"
                + " the vault");
    }

    @Test
    void failsOnACardNumberOutsideTheVault() {
        DecommissionGate.Observed o = new DecommissionGate.Observed("payments", "payment-service",
                List.of("kafka topic strangler.cdc.legacy.payments: 3"), DONE.pciReport(), DONE.build(),
                DONE.buildModule(), DONE.deployedBuild(), CLEAN, SWITCHED, MASKED, SERVED);

        Verdict verdict = DecommissionGate.judge(o);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("card numbers outside payment-service's vault: kafka topic"
                + " strangler.cdc.legacy.payments: 3");
        assertThat(verdict.hint()).startsWith("see reports/pci-scope.md;");
    }

    @Test
    void failsWhenTheMonolithRunsAnotherBuild() {
        DecommissionGate.Observed o = new DecommissionGate.Observed("payments", "payment-service", List.of(),
                DONE.pciReport(), DONE.build(), DONE.buildModule(), DecommissionGate.ORIGINAL_BUILD, CLEAN, SWITCHED,
                MASKED, SERVED);

        Verdict verdict = DecommissionGate.judge(o);

        assertThat(verdict.sentence()).isEqualTo("the redeployed monolith reports 'in-process code present', not the"
                + " decommissioned build");
        assertThat(verdict.hint()).endsWith("./mvnw -DskipTests install builds legacy-monolith-decommissioned");
    }

    @Test
    void failsWhenTheDeployedClassesAreNotBuilt() {
        assertThat(DecommissionGate.judge(with(null, SWITCHED, MASKED, SERVED)).sentence())
                .isEqualTo("the decommissioned monolith's classes are not built");
    }

    @Test
    void failsOnAMonolithClassTouchingTheExtractionsTables() {
        DecommissionGate.Rule touched = new DecommissionGate.Rule(2, Map.of("dev.strangler.legacy.orders.Checkout", 2),
                14, "reports/analysis-payments.md");

        Verdict verdict = DecommissionGate.judge(with(touched, SWITCHED, MASKED, SERVED));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("2 references to the payments extraction's tables in the deployed"
                + " monolith: {dev.strangler.legacy.orders.Checkout=2}");
        assertThat(verdict.hint()).isEqualTo("see reports/analysis-payments.md");
    }

    @Test
    void failsWhenTheMonolithsSeamStillRunsInProcess() {
        DecommissionGate.Seam local = new DecommissionGate.Seam("payments", "remote", "in-process",
                Duration.ofSeconds(30));

        assertThat(DecommissionGate.judge(with(CLEAN, local, MASKED, SERVED)).sentence())
                .isEqualTo("the monolith's payments seam still reports mode 'in-process' after 30 s, not 'remote'");
    }

    @Test
    void failsOnACardNumberLeftInTheMonolithsColumns() {
        DecommissionGate.Masking left = new DecommissionGate.Masking(List.of("payments.card_number"), 299, 1);

        assertThat(DecommissionGate.judge(with(CLEAN, SWITCHED, left, SERVED)).sentence())
                .isEqualTo("1 card numbers are still in the monolith's payments.card_number");
    }

    @Test
    void failsWhenTheMonolithCannotServeARowThroughTheService() {
        DecommissionGate.Probe failed = new DecommissionGate.Probe("/api/payments/42", 502);

        Verdict verdict = DecommissionGate.judge(with(CLEAN, SWITCHED, MASKED, failed));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("the monolith in remote mode did not serve /api/payments/42 (HTTP"
                + " 502)");
        assertThat(verdict.hint()).endsWith("./strangler playbook rollback payments");
    }

    private static DecommissionGate.Observed with(DecommissionGate.@Nullable Rule rule, DecommissionGate.Seam seam,
            DecommissionGate.Masking masking, DecommissionGate.@Nullable Probe probe) {
        return new DecommissionGate.Observed(DONE.extraction(), DONE.service(), List.of(), DONE.pciReport(),
                DONE.build(), DONE.buildModule(), DONE.deployedBuild(), rule, seam, masking, probe);
    }
}
