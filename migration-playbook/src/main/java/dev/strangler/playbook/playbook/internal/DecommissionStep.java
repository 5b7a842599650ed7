package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.pcireport.PciScope;
import dev.strangler.playbook.pcireport.PciScopeReport;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monolith stops handling payments itself: it is restarted with the remote payment implementation (it calls the
 * payment service), and the card numbers its old rows still hold are masked to their last four digits, so that no
 * card number is left outside the service's vault. The masking cannot be undone (the vault keeps the cards).
 */
public final class DecommissionStep implements Step {

    static final String REMOTE = "--shop.payments.mode=remote";

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Restart the monolith with shop.payments.mode=remote (its payment calls go to the service) and mask the"
                + " card numbers left in its payments table. Gate: the monolith is ready and serves a payment; no"
                + " card number left in its database; the PCI scope scan (pci-scope --expect-extracted) finds card"
                + " numbers only in the service's vault.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        Path overrides = LabComponents.overridesFile(context.layout(), "legacy-monolith");
        boolean alreadyRemote = Files.isRegularFile(overrides) && Files.readString(overrides).contains(REMOTE);
        if (!alreadyRemote) {
            Files.createDirectories(overrides.getParent());
            Files.writeString(overrides, "# written by the playbook's decommission step\n" + REMOTE + "\n");
            context.progress("restarting the monolith with the remote payment implementation");
            context.lab().restart("legacy-monolith");
        }
        String legacyDb = "jdbc:postgresql://127.0.0.1:" + context.ports().legacyDb() + "/shop?user=postgres";
        int masked;
        long left;
        long anyPayment;
        try (Connection c = DriverManager.getConnection(legacyDb); Statement s = c.createStatement()) {
            masked = s.executeUpdate("update payments set card_number = '************' || right(card_number, 4)"
                    + " where card_number ~ '^[0-9]{12,19}$'");
            try (ResultSet rs = s.executeQuery("select count(*) from payments where card_number ~ '^[0-9]{12,19}$'")) {
                rs.next();
                left = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from payments where id < 1000000000")) {
                rs.next();
                anyPayment = rs.getLong(1);
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        int served = anyPayment == 0 ? 404 : http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + context.ports().legacyMonolith() + "/api/payments/" + anyPayment))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("monolithArguments", Files.readString(overrides).trim());
        evidence.put("cardNumbersMasked", masked);
        evidence.put("cardNumbersLeft", left);
        evidence.put("paymentServedByMonolith", anyPayment + " -> HTTP " + served);
        // the PCI scope by evidence: every text column of both databases, a sample of every topic, every log file
        PciScopeScan scan = PciScope.scan(ScanTargets.lab(context.layout(), context.ports(), 1000),
                line -> context.progress("pci-scope: %s", line));
        PciScopeReport.Written pci = PciScopeReport.write(context.reports(), scan, false, true);
        List<String> outside = pci.evidence().outsideScope();
        evidence.put("pciScopeReport", pci.markdown().toString());
        evidence.put("pciOutsideScope", outside);
        evidence.put("pciProcessesInScope", scan.processes().stream().map(PciScopeScan.ProcessInScope::component)
                .toList());
        // the frozen rule's burndown, a point for the history; the monolith's code is the same jar, so classes that
        // still read the tables the bridge keeps filled (reports, order views, support) are listed, not hidden
        MonolithAnalysisRun.Done analysis = MonolithAnalysisRun.run(context);
        if (analysis != null) {
            evidence.put("ruleViolations", analysis.report().rule().violations());
            evidence.put("ruleViolationsByClass", analysis.report().rule().byClass());
            evidence.put("analysisReport", analysis.written().markdown().toString());
        }
        if (!outside.isEmpty()) {
            return StepOutcome.failed("card numbers outside the payment service's vault: " + String.join("; ", outside),
                    evidence, "see " + pci.markdown() + "; ./strangler pci-scope --expect-extracted after fixing");
        }
        if (left > 0) {
            return StepOutcome.failed(left + " card numbers are still in the monolith's payments table", evidence,
                    "run the playbook again");
        }
        if (anyPayment != 0 && served != 200) {
            return StepOutcome.failed("the monolith in remote mode did not serve payment " + anyPayment + " (HTTP "
                    + served + ")", evidence, "./strangler logs legacy-monolith; ./strangler playbook rollback");
        }
        return StepOutcome.passed("monolith on the remote payment implementation, " + masked
                + " card numbers masked, none left; card numbers only in the vault (" + pci.markdown() + ")", evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        Files.deleteIfExists(LabComponents.overridesFile(context.layout(), "legacy-monolith"));
        context.lab().restart("legacy-monolith");
        return "monolith back on its in-process payment implementation (masked card numbers stay masked: the cards"
                + " live in the service's vault)";
    }
}
