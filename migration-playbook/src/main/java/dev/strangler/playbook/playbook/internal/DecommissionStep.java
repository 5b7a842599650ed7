package dev.strangler.playbook.playbook.internal;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.RouteSpec;
import dev.strangler.extraction.TablePair;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.lab.LabComponent;
import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.MonolithBuild;
import dev.strangler.playbook.lab.SqlNames;
import dev.strangler.playbook.pcireport.PciScope;
import dev.strangler.playbook.pcireport.PciScopeReport;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import dev.strangler.playbook.playbook.DecommissionSettings;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The monolith stops running the extracted capability itself, in two moves. First its seam (branch by abstraction) is
 * switched to the service's side through a row of its settings table, which it reads while it runs: no restart
 * (the shop: row {@code payments.mode} of {@code shop_settings}, set to {@code remote}). Then the in-process code is
 * deleted: the lab redeploys the monolith as the build the step names (the shop's
 * {@code legacy-monolith-decommissioned}: the same shop without a single class that touches a payment table),
 * blue-green, so that no request waits for a start.
 * The card numbers its old rows still hold, in every legacy column the descriptor tokenizes, are masked to their last
 * four digits and cleared from its database's files ({@link CardColumnMasking}), so that no card number is left
 * outside the service's vault. The gate reads the frozen architecture rule on the deployed build: no monolith class
 * may touch the extraction's tables. The masking cannot be undone (the vault keeps the cards); the switch and the
 * redeploy can. Which row, which {@code /actuator/info} node and which build are the step's settings
 * ({@link DecommissionSettings}); the database, the columns and the row it probes come from the extraction.
 */
public final class DecommissionStep implements Step {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);
    /** How long the masking waits for the CDC bridge to confirm past it, and for the WAL that held the cards to go. */
    static final Duration MASKING_TIMEOUT = Duration.ofMinutes(2);
    /** How long a newly started monolith is warmed before it gets traffic ({@link MonolithWarmUp}). */
    static final Duration WARM_UP = Duration.ofSeconds(8);

    /**
     * A legacy column whose card numbers are masked: one the descriptor tokenizes (a {@code card} field's
     * {@code transform: tokenize}), so that its numbers reach the service only as vault tokens.
     */
    record CardColumn(String table, String column) {

        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /** Every legacy column of the extraction's table pairs that it tokenizes, in the descriptor's order. */
    static List<CardColumn> cardColumns(Extraction extraction) {
        List<CardColumn> columns = new ArrayList<>();
        for (TablePair pair : extraction.data()) {
            for (FieldSpec field : pair.fields()) {
                if (field.legacy() instanceof Mapping.Columns c && c.transform() == Mapping.Transform.TOKENIZE) {
                    c.names().stream().map(n -> new CardColumn(pair.legacy().table(), n))
                            .filter(n -> !columns.contains(n)).forEach(columns::add);
                }
            }
        }
        return columns;
    }

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        DecommissionSettings settings = step.settings(DecommissionSettings.class);
        DecommissionSettings.Seam seam = settings.seam();
        List<CardColumn> columns = cardColumns(playbook.extraction());
        List<RouteSpec> reads = playbook.readRoutes();
        String masking = columns.isEmpty() ? "mask nothing (no legacy column is tokenized)"
                : "mask the card numbers left in " + join(columns) + ", then clear them from its database's files"
                        + " (statistics rebuilt, table rewritten, WAL moved on once the CDC bridge has confirmed past"
                        + " the masking)";
        String served = reads.isEmpty() || playbook.extraction().data().isEmpty() ? ""
                : " and serves a row it had on " + reads.getFirst().pathPrefix() + "/<key>";
        return "Switch the monolith's " + seam.info() + " seam to " + seam.value() + " (row " + seam.name() + " of "
                + seam.table() + ", no restart: its calls go to " + playbook.extraction().extracted().service()
                + "), then redeploy it as its " + build(settings) + " build (no in-process code) blue-green: started"
                + " on the monolith's other port, warmed, the proxy's routes moved to it, the old one stopped once its"
                + " requests are done; and " + masking + ". Gate: the monolith reports " + seam.info() + " mode "
                + seam.value() + " with no in-process code" + served + "; the frozen rule finds no monolith class"
                + " touching the " + playbook.name() + " extraction's tables; no card number left in its database,"
                + " nor in its files; the PCI scope scan (pci-scope --expect-extracted) finds card numbers only in the"
                + " service's vault.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        DecommissionSettings settings = step.settings(DecommissionSettings.class);
        DecommissionSettings.Seam seam = settings.seam();
        String legacyDb = legacyDb(playbook.extraction(), context);
        try (Connection c = DriverManager.getConnection(legacyDb); PreparedStatement s = c.prepareStatement(
                "insert into " + SqlNames.quoted(seam.table()) + " (name, value, updated_at) values (?, ?, now())"
                        + " on conflict (name) do update set value = excluded.value, updated_at = excluded.updated_at")) {
            s.setString(1, seam.name());
            s.setString(2, seam.value());
            s.executeUpdate();
        }
        context.progress("switching the monolith's %s seam to %s (no restart)", seam.info(), seam.value());
        String mode = awaitMode(context, seam, seam.value());
        String deployed = deploy(context, settings.build(), seam);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("seamSwitch", seam.table() + " " + seam.name() + " = " + seam.value());
        evidence.put("seamMode", mode);
        evidence.put("monolithBuild", deployed);
        List<CardColumn> columns = cardColumns(playbook.extraction());
        CardColumnMasking.Result masking = null;
        if (columns.isEmpty()) {
            evidence.put("cardColumns", List.of());
            evidence.put("cardNumbersMasked", 0);
            evidence.put("cardNumbersLeft", 0);
            evidence.put("masking", "nothing to mask: no legacy column of the extraction's table pairs is tokenized");
        } else {
            context.progress("masking the card numbers of %s, then clearing them from the database's files",
                    join(columns));
            try {
                for (CardColumn column : columns) {
                    CardColumnMasking.Result one = CardColumnMasking.mask(legacyDb, column.table(), column.column(),
                            MASKING_TIMEOUT);
                    masking = masking == null ? one : masking.and(one);
                }
            } catch (CardColumnMasking.Held e) {
                return StepOutcome.failed(e.getMessage(), evidence, "./strangler status (is the cdc-bridge up and"
                        + " caught up?); run the playbook again: what is masked stays masked, the clearing is retried");
            }
            evidence.putAll(masking.evidence());
        }
        DecommissionGate.Probe probe = probe(playbook, legacyDb, context, evidence);
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
        DecommissionGate.Masking masked = masking == null ? new DecommissionGate.Masking(List.of(), 0, 0)
                : new DecommissionGate.Masking(masking.columns(), masking.masked(), masking.left());
        return DecommissionGate.judge(new DecommissionGate.Observed(playbook.name(),
                playbook.extraction().extracted().service(), outside, pci.markdown().toString(), build(settings),
                settings.build().module(), deployed, rule, new DecommissionGate.Seam(seam.info(), seam.value(), mode,
                SWITCH_TIMEOUT), masked, probe)).outcome(evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        DecommissionSettings.Seam seam = step.settings(DecommissionSettings.class).seam();
        String build = deploy(context, MonolithBuild.ORIGINAL, seam);
        try (Connection c = DriverManager.getConnection(legacyDb(playbook.extraction(), context));
             PreparedStatement s = c.prepareStatement("delete from " + SqlNames.quoted(seam.table()) + " where name = ?")) {
            s.setString(1, seam.name());
            s.executeUpdate();
        }
        String mode = awaitMode(context, seam, seam.local());
        return "monolith redeployed as its original build (" + build + "), its " + seam.info() + " seam back on "
                + mode + " (masked card numbers stay masked: the cards live in the service's vault)";
    }

    /** The legacy database of the extraction, on the lab's server that holds it, as the superuser. */
    private static String legacyDb(Extraction extraction, StepContext context) {
        String database = extraction.legacy().database();
        return "jdbc:postgresql://127.0.0.1:" + context.ports().database(database) + "/" + database + "?user=postgres";
    }

    /**
     * Asks the running monolith, through its switched seam, for a row it had before the extraction: the largest key
     * of the first table pair's legacy table below the service's own ({@code ids-from}), on the first read route.
     * Null, with the evidence saying why, when there is no such row or route.
     */
    private static DecommissionGate.@Nullable Probe probe(PlaybookDefinition playbook, String legacyDb,
            StepContext context, Map<String, Object> evidence) throws SQLException, InterruptedException {
        List<RouteSpec> reads = playbook.readRoutes();
        if (reads.isEmpty() || playbook.extraction().data().isEmpty()) {
            evidence.put("rowServedByMonolith", "none: the playbook has no read route or no table pair");
            return null;
        }
        TablePair pair = playbook.extraction().data().getFirst();
        Long idsFrom = pair.extracted().idsFrom();
        String row;
        try (Connection c = DriverManager.getConnection(legacyDb); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(SqlNames.largestLegacyKey(pair))) {
            rs.next();
            row = rs.getString(1);
        }
        if (row == null) {
            evidence.put("rowServedByMonolith", "none: " + pair.legacy().table() + " has no row"
                    + (idsFrom == null ? "" : " below " + idsFrom));
            return null;
        }
        String path = reads.getFirst().pathPrefix() + "/" + row;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(monolith(context) + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = 0; // no answer
        }
        evidence.put("rowServedByMonolith", path + " -> HTTP " + status);
        return new DecommissionGate.Probe(path, status);
    }

    private static String build(DecommissionSettings settings) {
        return settings.build().name().toLowerCase(Locale.ROOT);
    }

    private static String join(List<CardColumn> columns) {
        return String.join(", ", columns.stream().map(CardColumn::toString).toList());
    }

    /**
     * Makes {@code build} the lab's monolith without a request waiting for it (blue-green): the new build starts on
     * the monolith's other port while the old one serves, the proxy's routes move to it, then the old one stops
     * gracefully (requests in flight finish) and the lab adopts the new process. Safe to run again after a crash at
     * any point. Returns what the running monolith reports of its build.
     */
    private static String deploy(StepContext context, MonolithBuild build, DecommissionSettings.Seam seam)
            throws InterruptedException {
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
        return reportedBuild(now.port(context.ports()), seam);
    }

    /** The running monolith's base URL (its port depends on the deployment). */
    private static String monolith(StepContext context) {
        return origin(context, MonolithBuild.Deployment.current(context.layout())).toString();
    }

    private static URI origin(StepContext context, MonolithBuild.Deployment deployment) {
        return URI.create("http://127.0.0.1:" + deployment.port(context.ports()));
    }

    /** What the monolith on {@code port} reports of its build: whether its seam still has the in-process side. */
    private static String reportedBuild(int port, DecommissionSettings.Seam seam) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        URI info = URI.create("http://127.0.0.1:" + port + "/actuator/info");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "unreachable";
            }
            return JSON.readTree(response.body()).path(seam.info()).path("inProcessAvailable").asBoolean(true)
                    ? DecommissionGate.ORIGINAL_BUILD : DecommissionGate.DECOMMISSIONED_BUILD;
        } catch (java.io.IOException e) {
            return "unreachable";
        }
    }

    /** The mode the monolith reports ({@code /actuator/info}), once it is {@code wanted} or the time is up. */
    private static String awaitMode(StepContext context, DecommissionSettings.Seam seam, String wanted)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        URI info = URI.create(monolith(context) + "/actuator/info");
        long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
        String mode = "unknown";
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(info).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                mode = JSON.readTree(body).path(seam.info()).path("mode").asText("unknown");
                if (mode.equals(wanted)) {
                    return mode;
                }
            } catch (java.io.IOException e) {
                mode = "unreachable";
            }
            StepContext.observe(Duration.ofMillis(250)); // the shop reads its setting every second
        }
        return mode;
    }
}
