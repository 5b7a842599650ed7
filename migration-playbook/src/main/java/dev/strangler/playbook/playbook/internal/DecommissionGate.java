package dev.strangler.playbook.playbook.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The gate of {@code decommission}: no card number outside the service's vault (the PCI scope scan), the monolith runs
 * its decommissioned build, whose classes the frozen rule finds none of touching the extraction's tables, it reports
 * the remote payment seam and still serves a payment through it, and no card number is left in its table.
 */
final class DecommissionGate {

    /** What the monolith's {@code /actuator/info} says of a build without in-process payment code. */
    static final String DECOMMISSIONED_BUILD = "remote only, no in-process payment code";

    private DecommissionGate() {
    }

    /**
     * The frozen rule measured on the deployed build.
     *
     * @param frozen  violations recorded in the monolith's freeze store at the start, null without a store
     * @param report  the analysis report to read
     */
    record Rule(int violations, Map<String, Integer> byClass, @Nullable Integer frozen, String report) {
    }

    /**
     * What the step found once it had switched, redeployed, masked and scanned.
     *
     * @param outsideScope      where the PCI scope scan found card numbers outside the vault
     * @param pciReport         the scan's report
     * @param deployedBuild     what the running monolith reports of its build
     * @param rule              the frozen rule on that build; null when its classes are not built
     * @param paymentsMode      the payment mode the monolith reports
     * @param modeWait          how long the step waited for the monolith to report {@code remote}
     * @param cardNumbersLeft   card numbers still in the monolith's payments table
     * @param cardNumbersMasked card numbers the masking replaced
     * @param probedPayment     a payment of the monolith's asked for through its remote seam; 0 when it has none
     * @param probedStatus      the HTTP status of that read
     */
    record Observed(List<String> outsideScope, String pciReport, String deployedBuild, @Nullable Rule rule,
                    String paymentsMode, Duration modeWait, long cardNumbersLeft, long cardNumbersMasked,
                    long probedPayment, int probedStatus) {
    }

    static Verdict judge(Observed o) {
        if (!o.outsideScope().isEmpty()) {
            return Verdict.fail("card numbers outside the payment service's vault: "
                    + String.join("; ", o.outsideScope()), "see " + o.pciReport()
                    + "; ./strangler pci-scope --expect-extracted after fixing");
        }
        if (!o.deployedBuild().equals(DECOMMISSIONED_BUILD)) {
            return Verdict.fail("the redeployed monolith reports '" + o.deployedBuild() + "', not the decommissioned"
                    + " build", "./strangler logs legacy-monolith; ./mvnw -DskipTests install builds"
                    + " legacy-monolith-decommissioned");
        }
        Rule rule = o.rule();
        if (rule == null) {
            return Verdict.fail("the decommissioned monolith's classes are not built", "./mvnw -DskipTests install");
        }
        if (rule.violations() > 0) {
            return Verdict.fail(rule.violations() + " references to payment tables in the deployed monolith: "
                    + rule.byClass(), "see " + rule.report());
        }
        if (!o.paymentsMode().equals("remote")) {
            return Verdict.fail("the monolith still reports payments mode '" + o.paymentsMode() + "' after "
                    + o.modeWait().toSeconds() + " s", "./strangler logs legacy-monolith");
        }
        if (o.cardNumbersLeft() > 0) {
            return Verdict.fail(o.cardNumbersLeft() + " card numbers are still in the monolith's payments table",
                    "run the playbook again");
        }
        if (o.probedPayment() != 0 && o.probedStatus() != 200) {
            return Verdict.fail("the monolith in remote mode did not serve payment " + o.probedPayment() + " (HTTP "
                    + o.probedStatus() + ")", "./strangler logs legacy-monolith; ./strangler playbook rollback");
        }
        return Verdict.pass("monolith redeployed without payment code (" + o.deployedBuild() + "; the frozen rule"
                + " finds 0 classes touching payment tables, " + rule.frozen() + " at the start), "
                + o.cardNumbersMasked() + " card numbers masked, none left, nor in the database's files (statistics"
                + " rebuilt, WAL moved on); card numbers only in the vault (" + o.pciReport() + ")");
    }
}
