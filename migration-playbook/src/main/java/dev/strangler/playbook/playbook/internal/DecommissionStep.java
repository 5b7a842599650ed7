package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.lab.LabComponent;
import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.MonolithBuild;
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
 * The monolith stops handling payments itself, in two moves. First its payment seam is switched to the remote
 * implementation (it calls the payment service) through the {@code payments.mode} row of its {@code shop_settings}
 * table, which it reads every second: no restart. Then the payment code is deleted: the lab redeploys the monolith as
 * its decommissioned build ({@code legacy-monolith-decommissioned}: the same shop without a single class that touches
 * a payment table), blue-green, so that no request waits for a start. The card numbers its old rows still
 * hold are masked to their last four digits, and cleared from its database's files ({@link CardColumnMasking}), so
 * that no card number is left outside the service's vault. The gate
 * reads the frozen architecture rule on the deployed build: no monolith class may touch a payment table. The masking
 * cannot be undone (the vault keeps the cards); the switch and the redeploy can.
 */
public final class DecommissionStep implements Step {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);
    /** How long the masking waits for the CDC bridge to confirm past it, and for the WAL that held the cards to go. */
    static final Duration MASKING_TIMEOUT = Duration.ofMinutes(2);
    /** How long a newly started monolith is warmed before it gets traffic ({@link MonolithWarmUp}). */
    static final Duration WARM_UP = Duration.ofSeconds(8);

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Switch the monolith's payment seam to remote (shop_settings payments.mode, no restart: its payment"
                + " calls go to the service), then redeploy it as its decommissioned build (no payment code) blue-green:"
                + " started on the monolith's other port, warmed, the proxy's routes moved to it, the old one stopped"
                + " once its requests are done; and mask the card numbers left in its payments table, then clear them"
                + " from its database's files (statistics rebuilt, table rewritten, WAL moved on once the CDC bridge"
                + " has confirmed past the masking). Gate: the monolith reports remote payments with no in-process"
                + " code and serves a payment; the frozen rule finds no monolith class touching a payment table; no"
                + " card number left in its database, nor in its files; the PCI scope scan (pci-scope"
                + " --expect-extracted) finds card numbers only in the service's vault.";
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
        String deployed = deploy(context, MonolithBuild.DECOMMISSIONED);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("monolithPaymentsMode", mode);
        evidence.put("monolithBuild", deployed);
        context.progress("masking the monolith's card numbers, then clearing them from its database's files");
        CardColumnMasking.Result masking;
        try {
            masking = CardColumnMasking.mask(legacyDb, MASKING_TIMEOUT);
        } catch (CardColumnMasking.Held e) {
            return StepOutcome.failed(e.getMessage(), evidence, "./strangler status (is the cdc-bridge up and caught"
                    + " up?); run the playbook again: what is masked stays masked, the clearing is retried");
        }
        evidence.putAll(masking.evidence());
        long left = masking.left();
        long anyPayment;
        try (Connection c = DriverManager.getConnection(legacyDb); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from payments where id < 1000000000")) {
            rs.next();
            anyPayment = rs.getLong(1);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        int served = anyPayment == 0 ? 404 : http.send(HttpRequest.newBuilder(URI.create(
                        monolith(context) + "/api/payments/" + anyPayment))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        evidence.put("paymentServedByMonolith", anyPayment + " -> HTTP " + served);
        // the PCI scope by evidence: every text column of both databases, every file of their servers' data
        // directories (WAL, relation files), a sample of every topic, every log file
        PciScopeScan scan = PciScope.scan(ScanTargets.lab(context.layout(), context.ports(), 1000),
                line -> context.progress("pci-scope: %s", line));
        PciScopeReport.Written pci = PciScopeReport.write(context.reports(), scan, false, true);
        List<String> outside = pci.evidence().outsideScope();
        evidence.put("pciScopeReport", pci.markdown().toString());
        evidence.put("pciOutsideScope", outside);
        evidence.put("pciProcessesInScope", scan.processes().stream().map(PciScopeScan.ProcessInScope::component)
                .toList());
        // the frozen rule on the build that now runs: the burndown's last point
        MonolithAnalysisRun.Done analysis = MonolithAnalysisRun.run(context, playbook.name());
        DecommissionGate.Rule rule = null;
        if (analysis != null) {
            AnalysisReport.RuleStatus status = analysis.report().rule();
            evidence.put("ruleViolations", status.violations());
            evidence.put("ruleViolationsByClass", status.byClass());
            evidence.put("analysisReport", analysis.written().markdown().toString());
            rule = new DecommissionGate.Rule(status.violations(), status.byClass(), status.frozen(),
                    analysis.written().markdown().toString());
        }
        return DecommissionGate.judge(new DecommissionGate.Observed(outside, pci.markdown().toString(), deployed, rule,
                mode, SWITCH_TIMEOUT, left, masking.masked(), anyPayment, served)).outcome(evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        String build = deploy(context, MonolithBuild.ORIGINAL);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + context.ports().legacyDb()
                + "/shop?user=postgres"); Statement s = c.createStatement()) {
            s.executeUpdate("delete from shop_settings where name = 'payments.mode'");
        }
        String mode = awaitMode(context, "in-process");
        return "monolith redeployed as its original build (" + build + ") and back on its " + mode + " payment"
                + " implementation (masked card numbers stay masked: the cards live in the service's vault)";
    }

    static final String ORIGINAL_BUILD = "in-process payment code present";

    /**
     * Makes {@code build} the lab's monolith without a request waiting for it (blue-green): the new build starts on
     * the monolith's other port while the old one serves, the proxy's routes move to it, then the old one stops
     * gracefully (requests in flight finish) and the lab adopts the new process. Safe to run again after a crash at
     * any point. Returns what the running monolith reports of its build.
     */
    private static String deploy(StepContext context, MonolithBuild build) throws InterruptedException {
        LabLayout layout = context.layout();
        MonolithBuild.Deployment now = MonolithBuild.Deployment.current(layout);
        if (now.build() != build) {
            MonolithBuild.Deployment next = now.next(build);
            LabComponent incoming = LabComponents.nextLegacyMonolith(layout, context.ports(), next);
            incoming.launcher().stop(); // one left by an interrupted run: start afresh
            context.progress("starting the %s build on port %d beside the running monolith",
                    build.name().toLowerCase(java.util.Locale.ROOT), next.port(context.ports()));
            context.lab().startExtra(incoming);
            int warmed = MonolithWarmUp.warm(origin(context, next), WARM_UP);
            context.progress("warmed it up with %d requests in %d s (reads and refused orders: nothing changes)",
                    warmed, WARM_UP.toSeconds());
            List<String> moved = context.proxy().moveLegacyUpstream(origin(context, now), origin(context, next),
                    "decommission: the " + build.name().toLowerCase(java.util.Locale.ROOT) + " build serves");
            context.progress("routes %s moved to it", moved);
            MonolithBuild.select(layout, next);
            now = next;
        }
        // hand the lab over: the old process (still under the lab's pid file) stops, the new one takes its place
        LabComponent incoming = LabComponents.nextLegacyMonolith(layout, context.ports(), now);
        if (incoming.launcher().running().isPresent()) {
            context.progress("stopping the previous monolith (requests in flight finish)");
            if (!context.lab().component("legacy-monolith").orElseThrow().launcher().stop()) {
                throw new IllegalStateException("the previous monolith did not stop; see ./strangler status");
            }
            LabComponents.adoptNextMonolith(layout);
        }
        // routes still on the port left behind (a run interrupted before the move): bring them over
        context.proxy().moveLegacyUpstream(origin(context, now.next(now.build())), origin(context, now),
                "decommission: the monolith serves on port " + now.port(context.ports()));
        return reportedBuild(now.port(context.ports()));
    }

    /** The running monolith's base URL (its port depends on the deployment). */
    private static String monolith(StepContext context) {
        return origin(context, MonolithBuild.Deployment.current(context.layout())).toString();
    }

    private static URI origin(StepContext context, MonolithBuild.Deployment deployment) {
        return URI.create("http://127.0.0.1:" + deployment.port(context.ports()));
    }

    private static String reportedBuild(int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        URI info = URI.create("http://127.0.0.1:" + port + "/actuator/info");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "unreachable";
            }
            return JSON.readTree(response.body()).path("payments").path("inProcessAvailable").asBoolean(true)
                    ? ORIGINAL_BUILD : DecommissionGate.DECOMMISSIONED_BUILD;
        } catch (java.io.IOException e) {
            return "unreachable";
        }
    }

    /** The mode the monolith reports ({@code /actuator/info}), once it is {@code wanted} or the time is up. */
    private static String awaitMode(StepContext context, String wanted) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        URI info = URI.create(monolith(context) + "/actuator/info");
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
