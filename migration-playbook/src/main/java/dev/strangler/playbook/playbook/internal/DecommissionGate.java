package dev.strangler.playbook.playbook.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The gate of {@code decommission}: no card number outside the service's vault (the PCI scope scan), the monolith runs
 * the build the step deployed, whose classes the frozen rule finds none of touching the extraction's tables, its seam
 * reports the service's side and it still serves a row through it, and no card number is left in its tokenized
 * columns.
 */
final class DecommissionGate {

    /** What the step makes of a monolith whose {@code /actuator/info} says its build lacks the in-process code. */
    static final String DECOMMISSIONED_BUILD = "service side only, no in-process code";
    /** What it makes of one that still has it. */
    static final String ORIGINAL_BUILD = "in-process code present";

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
     * The monolith's seam after the switch.
     *
     * @param info     the {@code /actuator/info} node that reports it (the shop's {@code payments})
     * @param wanted   the mode the step switched it to
     * @param reported the mode the monolith reports
     * @param waited   how long the step waited for {@code wanted}
     */
    record Seam(String info, String wanted, String reported, Duration waited) {
    }

    /**
     * The masking of the legacy side's tokenized columns.
     *
     * @param columns the columns masked, {@code table.column}; none when no legacy column is tokenized
     * @param masked  card numbers the masking replaced
     * @param left    card numbers still in those columns
     */
    record Masking(List<String> columns, long masked, long left) {

        Masking {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A row the monolith had before the extraction, asked for through its seam.
     *
     * @param path   the path asked ({@code <read route's prefix>/<key>})
     * @param status the HTTP status of the answer
     */
    record Probe(String path, int status) {
    }

    /**
     * What the step found once it had switched, redeployed, masked and scanned.
     *
     * @param extraction    the extraction's name
     * @param service       the extracted service, whose vault alone may hold card numbers
     * @param outsideScope  where the PCI scope scan found card numbers outside the vault
     * @param pciReport     the scan's report
     * @param build         the build the step deployed ({@code decommissioned})
     * @param buildModule   the repository's module that builds it
     * @param deployedBuild what the running monolith reports of its build
     * @param rule          the frozen rule on that build; null when its classes are not built
     * @param probe         the row asked for; null when the monolith has none or the playbook no read route
     */
    record Observed(String extraction, String service, List<String> outsideScope, String pciReport, String build,
                    String buildModule, String deployedBuild, @Nullable Rule rule, Seam seam, Masking masking,
                    @Nullable Probe probe) {
    }

    static Verdict judge(Observed o) {
        if (!o.outsideScope().isEmpty()) {
            return Verdict.fail("card numbers outside " + o.service() + "'s vault: "
                    + String.join("; ", o.outsideScope()), "see " + o.pciReport()
                    + "; ./strangler pci-scope --expect-extracted after fixing");
        }
        if (!o.deployedBuild().equals(DECOMMISSIONED_BUILD)) {
            return Verdict.fail("the redeployed monolith reports '" + o.deployedBuild() + "', not the " + o.build()
                    + " build", "./strangler logs legacy-monolith; ./mvnw -DskipTests install builds "
                    + o.buildModule());
        }
        Rule rule = o.rule();
        if (rule == null) {
            return Verdict.fail("the " + o.build() + " monolith's classes are not built", "./mvnw -DskipTests install");
        }
        if (rule.violations() > 0) {
            return Verdict.fail(rule.violations() + " references to the " + o.extraction() + " extraction's tables in"
                    + " the deployed monolith: " + rule.byClass(), "see " + rule.report());
        }
        Seam seam = o.seam();
        if (!seam.reported().equals(seam.wanted())) {
            return Verdict.fail("the monolith's " + seam.info() + " seam still reports mode '" + seam.reported()
                    + "' after " + seam.waited().toSeconds() + " s, not '" + seam.wanted() + "'",
                    "./strangler logs legacy-monolith");
        }
        Masking masking = o.masking();
        if (masking.left() > 0) {
            return Verdict.fail(masking.left() + " card numbers are still in the monolith's "
                    + String.join(", ", masking.columns()), "run the playbook again");
        }
        Probe probe = o.probe();
        if (probe != null && probe.status() != 200) {
            return Verdict.fail("the monolith in " + seam.wanted() + " mode did not serve " + probe.path() + " (HTTP "
                    + probe.status() + ")", "./strangler logs legacy-monolith; ./strangler playbook rollback "
                    + o.extraction());
        }
        String masked = masking.columns().isEmpty() ? "no tokenized column to mask"
                : masking.masked() + " card numbers masked in " + String.join(", ", masking.columns()) + ", none"
                        + " left, nor in the database's files (statistics rebuilt, WAL moved on)";
        return Verdict.pass("monolith redeployed without its in-process code (" + o.deployedBuild() + "; the frozen"
                + " rule finds 0 classes touching the " + o.extraction() + " extraction's tables, " + rule.frozen()
                + " at the start), " + masked + "; card numbers only in the vault (" + o.pciReport() + ")");
    }
}
