package dev.strangler.playbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.cdc.DeadLetterTopic;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.pcireport.PciScope;
import dev.strangler.playbook.pcireport.PciScopeReport;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import dev.strangler.playbook.traffic.TrafficRun;
import dev.strangler.playbook.traffic.TrafficSettings;
import dev.strangler.playbook.traffic.TrafficSnapshot;
import dev.strangler.playbook.traffic.TrafficSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs an extraction's playbook while the load generator keeps a steady mixed shop load on the proxy, then proves
 * from evidence what the migration cost the shop's users: requests failed, writes lost (every table pair of the
 * extraction reconciled, and every row the load created on its write routes in both databases), customers charged
 * twice, card numbers left outside the PCI scope. The shop's own checks (orders against payments and charges) hold
 * whatever is extracted: they run for every extraction. Writes {@code rehearsal-<extraction>.json} beside the
 * playbook's evidence.
 */
public final class Rehearsal {

    static final Duration RAMP_UP = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LabLayout layout;
    private final LabPorts ports;
    private final PrintWriter out;
    private final Path reports;
    private final Extraction extraction;

    public Rehearsal(LabLayout layout, LabPorts ports, PrintWriter out, Path reports, Extraction extraction) {
        this.layout = layout;
        this.ports = ports;
        this.out = out;
        this.reports = reports;
        this.extraction = extraction;
    }

    /** The evidence file of an extraction's rehearsal. */
    public static String fileName(String extraction) {
        return "rehearsal-" + extraction + ".json";
    }

    /** The evidence, and whether every count is zero and the playbook completed. */
    public record Result(int playbookExit, boolean passed, Map<String, Object> evidence) {
    }

    /** Runs {@code playbook} (returns its exit code) under {@code rps} requests per second of mixed shop traffic. */
    public Result run(double rps, IntSupplier playbook) {
        return run(rps, playbook, null);
    }

    /**
     * The same with a chaos drill during the playbook. A canary whose service is killed is rolled back by the proxy
     * and stops the playbook, which is the toolkit doing its job; the rehearsal then runs the playbook once more
     * after the drill, as an operator would, and the evidence says so ({@code playbook_attempts}).
     */
    public Result run(double rps, IntSupplier playbook, @Nullable ChaosDrill drill) {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        TrafficSettings settings = TrafficSettings.of(URI.create("http://127.0.0.1:" + ports.proxy()), rps, null)
                .withTimeout(Duration.ofSeconds(30))
                // a freshly started lab gets its traffic as a shop would after a deploy: growing, not all at once
                .withRampUp(RAMP_UP);
        TrafficRun load = TrafficRun.start(settings);
        out.printf(Locale.ROOT, "Rehearsal: mixed shop traffic through the proxy (%s), ramping up to %.0f requests/s"
                + " over %d s; the playbook starts at the full rate and the load runs until it ends.%n",
                load.discovered(), rps, RAMP_UP.toSeconds());
        out.flush();
        int exit;
        TrafficSummary traffic;
        TrafficSnapshot atStart;
        TrafficSnapshot atEnd;
        ChaosDrill.Outcome chaos = null;
        int attempts = 1;
        try {
            Thread.sleep(RAMP_UP.toMillis()); // the ramp: a shop's traffic after a deploy, every request counted
            atStart = load.snapshot();
            if (drill != null) {
                drill.start(load);
            }
            exit = playbook.getAsInt();
            if (drill != null) {
                drill.playbookEnded();
                chaos = drill.await(Duration.ofMinutes(10));
                if (exit != 0 && chaos.ran()) {
                    out.println("Rehearsal: the playbook stopped during the chaos drill; running it again from where"
                            + " it stopped, as an operator would once the components are back.");
                    out.flush();
                    attempts++;
                    exit = playbook.getAsInt();
                }
            }
            atEnd = load.snapshot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the ramp-up", e);
        } finally {
            load.close();
            traffic = load.summary();
        }
        double playbookSeconds = atEnd.elapsedSeconds() - atStart.elapsedSeconds();
        double rpsDuringPlaybook = playbookSeconds <= 0 ? 0
                : (atEnd.scheduled() - atStart.scheduled()) / playbookSeconds;
        out.println("Rehearsal: load stopped; gathering the evidence ...");
        out.flush();

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("extraction", extraction.name());
        evidence.put("started_at", startedAt.toString());
        evidence.put("playbook_exit_code", exit);
        evidence.put("target_rps", rps);
        evidence.put("ramp_up_seconds", RAMP_UP.toSeconds());
        evidence.put("rps_during_playbook", round(rpsDuringPlaybook));
        evidence.put("playbook_seconds", round(playbookSeconds));
        evidence.put("achieved_rps", round(traffic.achievedRps()));
        evidence.put("requests_total", traffic.requests());
        evidence.put("requests_failed", traffic.failed());
        long explained = 0;
        long shouldNotHaveFailed = 0;
        if (drill != null) {
            ChaosDrill.Outcome o = chaos == null ? drill.await(Duration.ZERO) : chaos;
            evidence.put("chaos", o.evidence(drill.outage()));
            evidence.put("playbook_attempts", attempts);
            explained = o.ran() ? o.failedNeedingTheKilledService() : 0;
            shouldNotHaveFailed = o.ran() ? o.failedThatShouldNotHave() : 1;
        }
        long unexplained = traffic.failed() - explained;
        evidence.put("requests_failed_unexplained", unexplained);
        evidence.put("failures_by_kind", traffic.failures());
        evidence.put("failure_samples", traffic.failureSamples());
        evidence.put("latency_ms", traffic.latency());

        LostWrites lost = lostWrites(traffic.createdByPath());
        evidence.put("lost_writes", lost.total());
        evidence.put("reconcile_mismatches", lost.reconcileMismatches());
        evidence.put("lost_writes_detail", lost.detail());

        PspJournal.Charges charges = new PspJournal(URI.create("http://127.0.0.1:" + ports.paymentGateway()))
                .chargesSince(startedAt);
        evidence.put("duplicate_charges", charges.duplicateCharges());
        evidence.put("psp", Map.of("authorizations_granted", charges.authorizationsGranted(),
                "orders_charged", charges.ordersCharged(), "orders_charged_twice", charges.duplicatesByOrder()));

        // what a finance team would check first: orders against payments, charges against orders, dead letters
        BusinessCheck business = settledBusinessCheck(charges.charges());
        evidence.put("business_mismatches", business.mismatches().total());
        evidence.put("business_mismatches_detail", business.mismatches().evidence());
        evidence.put("charges_without_order", business.charges().withoutOrder());
        evidence.put("charges_not_equal_to_order_total", business.charges().notEqualToOrderTotal());
        evidence.put("charge_samples", business.charges().samples());
        long deadLetters = new DeadLetterTopic("127.0.0.1:" + ports.kafka(), DeadLetterTopic.LAB_TOPIC).records();
        evidence.put("dead_letters", deadLetters);

        // the PCI scope is the promise of an extraction that names sensitive data (scope:); another extraction in the
        // same lab (customers, before payments moved) cannot be judged on card numbers it never promised to move
        long pans = 0;
        List<String> outside = List.of();
        if (extraction.scope() != null) {
            PciScopeScan scan = PciScope.scan(ScanTargets.lab(layout, ports, 1000), line -> { });
            pans = scan.outsideVault().stream().mapToLong(PciScopeScan.Finding::occurrences).sum();
            outside = PciScopeReport.outsideScope(scan);
            evidence.put("pan_outside_scope", pans);
            evidence.put("pan_outside_scope_places", outside);
        } else {
            evidence.put("pan_outside_scope", null);
            evidence.put("pan_outside_scope_note", "not judged: extraction '" + extraction.name()
                    + "' names no sensitive data (no scope: in its descriptor)");
        }

        double wall = (System.nanoTime() - t0) / 1e9;
        evidence.put("wall_seconds", round(wall));
        boolean passed = exit == 0 && unexplained == 0 && shouldNotHaveFailed == 0 && lost.total() == 0 && charges.duplicateCharges() == 0
                && pans == 0 && outside.isEmpty() && business.clean() && deadLetters == 0;
        evidence.put("passed", passed);
        write(evidence);

        out.printf(Locale.ROOT, "%nRehearsal %s in %.0f s: %,d requests (%.1f/s during the playbook), %d failed for"
                        + " users; %d writes lost;"
                        + " %d duplicate charges (%d authorizations); %s card numbers outside the PCI scope;"
                        + " %d orders disagreeing with their payments; %d charges without an order, %d not for the"
                        + " order's total; %d dead letters.%n",
                passed ? "PASSED" : "FAILED", wall, traffic.requests(), rpsDuringPlaybook, traffic.failed(),
                lost.total(), charges.duplicateCharges(), charges.authorizationsGranted(),
                extraction.scope() == null ? "(not judged)" : Long.toString(pans),
                business.mismatches().total(), business.charges().withoutOrder(),
                business.charges().notEqualToOrderTotal(), deadLetters);
        business.mismatches().byRule().forEach((rule, n) -> out.println("  " + rule + ": " + n));
        business.charges().samples().forEach(sample -> out.println("  charge: " + sample));
        if (traffic.failed() > 0) {
            out.println("  failed requests by kind: " + traffic.failures());
        }
        if (drill != null) {
            out.printf(Locale.ROOT, "  chaos drill (%s killed for %d s): %d requests failed that needed them, %d that"
                    + " did not (must be 0); %d unexplained failures%n", List.of(ChaosDrill.BRIDGE,
                    extraction.extracted().service()), drill.outage().toSeconds(),
                    explained, shouldNotHaveFailed, unexplained);
        }
        lost.detail().forEach((k, v) -> out.println("  " + k + ": " + v));
        outside.forEach(reason -> out.println("  outside the scope: " + reason));
        out.println("Evidence: " + reports.resolve(fileName(extraction.name())));
        out.flush();
        return new Result(exit, passed, evidence);
    }

    /** @param total reconciliation mismatches plus created rows missing on a side */
    private record LostWrites(long total, long reconcileMismatches, Map<String, Object> detail) {
    }

    private record BusinessCheck(BusinessRules.Findings mismatches, BusinessRules.ChargeFindings charges) {

        boolean clean() {
            return mismatches.total() == 0 && charges.withoutOrder() == 0 && charges.notEqualToOrderTotal() == 0;
        }
    }

    /** How long the business checks wait for the last events to reach the shop (the monolith follows the service). */
    static final Duration BUSINESS_SETTLE = Duration.ofSeconds(30);

    /**
     * The business rules over both databases and the gateway's charges, read again every two seconds for up to
     * {@link #BUSINESS_SETTLE} while they find something: the last payment events may still be on their way to the
     * shop. What is still wrong after that is a finding.
     */
    private BusinessCheck settledBusinessCheck(List<BusinessRules.Charge> charges) {
        long deadline = System.nanoTime() + BUSINESS_SETTLE.toNanos();
        while (true) {
            ShopLedger ledger = ShopLedger.read(jdbc(ports.legacyDb(), "shop"), jdbc(ports.paymentsDb(), "payments"));
            BusinessCheck check = new BusinessCheck(BusinessRules.mismatches(ledger),
                    BusinessRules.charges(charges, ledger.orders()));
            if (check.clean() || System.nanoTime() > deadline) {
                return check;
            }
            try {
                Thread.sleep(2_000); // an external system settling, not a test's synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return check;
            }
        }
    }

    private static String jdbc(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /**
     * Writes lost: after the reverse sync, rows that differ between the two databases of each table pair, and rows the
     * load created through a pair's owner route (its write route) that one of the databases does not hold.
     */
    private LostWrites lostWrites(Map<String, List<Long>> createdByPath) {
        Map<String, Object> detail = new LinkedHashMap<>();
        CdcBridge bridge = new CdcBridge(URI.create("http://127.0.0.1:" + ports.cdcBridge()));
        long mismatches = 0;
        long missing = 0;
        for (TablePair pair : extraction.data()) {
            Map<String, Object> d = new LinkedHashMap<>();
            try {
                JsonNode report = bridge.reconcile(pair.name(), Duration.ofSeconds(30));
                long m = report.path("missingCount").asLong() + report.path("extraCount").asLong()
                        + report.path("differingCount").asLong();
                d.put("reconcile_mismatches", m);
                d.put("reconcile_compared", report.path("legacyRows").asLong());
                mismatches += m;
            } catch (IllegalArgumentException e) {
                d.put("reconcile_error", e.getMessage());
                mismatches++;
            }
            List<Long> created = CreatedRows.through(extraction, pair, createdByPath);
            long missingLegacy = CreatedRows.missing(jdbc(ports.database(extraction.legacy().database()),
                    extraction.legacy().database()), pair.legacy(), created);
            long missingService = CreatedRows.missing(jdbc(ports.database(extraction.extracted().database()),
                    extraction.extracted().database()), pair.extracted(), created);
            d.put("created_by_the_load", created.size());
            d.put("created_missing_in_monolith", missingLegacy);
            d.put("created_missing_in_service", missingService);
            missing += missingLegacy + missingService;
            detail.put(pair.name(), d);
        }
        return new LostWrites(mismatches + missing, mismatches, detail);
    }

    private void write(Map<String, Object> evidence) {
        try {
            Files.createDirectories(reports);
            Path file = reports.resolve(fileName(extraction.name()));
            Path tmp = reports.resolve(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), evidence);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + reports.resolve(fileName(extraction.name())), e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
