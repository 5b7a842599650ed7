package dev.strangler.playbook.playbook.internal;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monolith stops handling payments itself: its payment seam is switched to the remote implementation (it calls
 * the payment service) through the {@code payments.mode} row of its {@code shop_settings} table, which it reads every
 * second, so there is no restart and no request waits; the card numbers its old rows still hold are masked to their
 * last four digits, so that no card number is left outside the service's vault. The masking cannot be undone (the
 * vault keeps the cards); the switch can.
 */
public final class DecommissionStep implements Step {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Switch the monolith's payment seam to remote (shop_settings payments.mode, no restart: its payment"
                + " calls go to the service) and mask the card numbers left in its payments table. Gate: the monolith"
                + " reports the remote mode and serves a payment; no card number left in its database; the PCI scope"
                + " scan (pci-scope --expect-extracted) finds card numbers only in the service's vault.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        String legacyDb = "jdbc:postgresql://127.0.0.1:" + context.ports().legacyDb() + "/shop?user=postgres";
        try (Connection c = DriverManager.getConnection(legacyDb); PreparedStatement s = c.prepareStatement(
                "insert into shop_settings (name, value, updated_at) values ('payments.mode', 'remote', now())"
                        + " on conflict (name) do update set value = excluded.value, updated_at = excluded.updated_at")) {
            s.executeUpdate();
        }
        context.progress("switching the monolith's payments to the remote implementation (no restart)");
        String mode = awaitMode(context, "remote");
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
        evidence.put("monolithPaymentsMode", mode);
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
        if (!mode.equals("remote")) {
            return StepOutcome.failed("the monolith still reports payments mode '" + mode + "' after "
                    + SWITCH_TIMEOUT.toSeconds() + " s", evidence, "./strangler logs legacy-monolith");
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
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + context.ports().legacyDb()
                + "/shop?user=postgres"); Statement s = c.createStatement()) {
            s.executeUpdate("delete from shop_settings where name = 'payments.mode'");
        }
        String mode = awaitMode(context, "in-process");
        return "monolith back on its " + mode + " payment implementation, without a restart (masked card numbers stay"
                + " masked: the cards live in the service's vault)";
    }

    /** The mode the monolith reports ({@code /actuator/info}), once it is {@code wanted} or the time is up. */
    private static String awaitMode(StepContext context, String wanted) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        URI info = URI.create("http://127.0.0.1:" + context.ports().legacyMonolith() + "/actuator/info");
        long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
        String mode = "unknown";
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                mode = JSON.readTree(body).path("payments").path("mode").asText("unknown");
                if (mode.equals(wanted)) {
                    return mode;
                }
            } catch (java.io.IOException e) {
                mode = "unreachable";
            }
            StepContext.observe(Duration.ofMillis(250)); // the monolith reads the setting every second
        }
        return mode;
    }
}
