package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecommissionGateTests {

    private static final DecommissionGate.Rule CLEAN = new DecommissionGate.Rule(0, Map.of(), 14,
            "reports/analysis-payments.md");

    /** What a decommission that went well finds. */
    private static final DecommissionGate.Observed DONE = new DecommissionGate.Observed(List.of(),
            "reports/pci-scope.md", DecommissionGate.DECOMMISSIONED_BUILD, CLEAN, "remote", Duration.ofSeconds(30), 0,
            300, 42, 200);

    @Test
    void passesWhenEveryConditionHolds() {
        Verdict verdict = DecommissionGate.judge(DONE);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.sentence()).isEqualTo("monolith redeployed without payment code (remote only, no"
                + " in-process payment code; the frozen rule finds 0 classes touching payment tables, 14 at the"
                + " start), 300 card numbers masked, none left, nor in the database's files (statistics rebuilt, WAL"
                + " moved on); card numbers only in the vault (reports/pci-scope.md)");
    }

    @Test
    void passesWithoutAPaymentToServe() {
        assertThat(DecommissionGate.judge(with(DONE.rule(), "remote", 0, 0, 404)).passed()).isTrue();
    }

    @Test
    void failsOnACardNumberOutsideTheVault() {
        DecommissionGate.Observed o = new DecommissionGate.Observed(List.of("kafka topic strangler.cdc.legacy"
                + ".payments: 3"), DONE.pciReport(), DONE.deployedBuild(), CLEAN, "remote", DONE.modeWait(), 0, 300,
                42, 200);

        Verdict verdict = DecommissionGate.judge(o);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("card numbers outside the payment service's vault: kafka topic"
                + " strangler.cdc.legacy.payments: 3");
        assertThat(verdict.hint()).startsWith("see reports/pci-scope.md;");
    }

    @Test
    void failsWhenTheMonolithRunsAnotherBuild() {
        DecommissionGate.Observed o = new DecommissionGate.Observed(List.of(), DONE.pciReport(),
                "in-process payment code present", CLEAN, "remote", DONE.modeWait(), 0, 300, 42, 200);

        assertThat(DecommissionGate.judge(o).sentence()).isEqualTo("the redeployed monolith reports 'in-process"
                + " payment code present', not the decommissioned build");
    }

    @Test
    void failsWhenTheDeployedClassesAreNotBuilt() {
        assertThat(DecommissionGate.judge(with(null, "remote", 0, 42, 200)).sentence())
                .isEqualTo("the decommissioned monolith's classes are not built");
    }

    @Test
    void failsOnAMonolithClassTouchingThePaymentTables() {
        DecommissionGate.Rule touched = new DecommissionGate.Rule(2, Map.of("dev.strangler.legacy.orders.Checkout", 2),
                14, "reports/analysis-payments.md");

        Verdict verdict = DecommissionGate.judge(with(touched, "remote", 0, 42, 200));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("2 references to payment tables in the deployed monolith:"
                + " {dev.strangler.legacy.orders.Checkout=2}");
        assertThat(verdict.hint()).isEqualTo("see reports/analysis-payments.md");
    }

    @Test
    void failsWhenTheMonolithStillPaysInProcess() {
        assertThat(DecommissionGate.judge(with(CLEAN, "in-process", 0, 42, 200)).sentence())
                .isEqualTo("the monolith still reports payments mode 'in-process' after 30 s");
    }

    @Test
    void failsOnACardNumberLeftInTheMonolithsTable() {
        assertThat(DecommissionGate.judge(with(CLEAN, "remote", 1, 42, 200)).sentence())
                .isEqualTo("1 card numbers are still in the monolith's payments table");
    }

    @Test
    void failsWhenTheMonolithCannotServeAPaymentThroughTheService() {
        Verdict verdict = DecommissionGate.judge(with(CLEAN, "remote", 0, 42, 502));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("the monolith in remote mode did not serve payment 42 (HTTP 502)");
    }

    private static DecommissionGate.Observed with(DecommissionGate.Rule rule, String mode, long left, long payment,
            int status) {
        return new DecommissionGate.Observed(List.of(), DONE.pciReport(), DONE.deployedBuild(), rule, mode,
                DONE.modeWait(), left, DONE.cardNumbersMasked(), payment, status);
    }
}
