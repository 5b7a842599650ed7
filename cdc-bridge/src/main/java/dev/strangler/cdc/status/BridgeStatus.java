package dev.strangler.cdc.status;

import dev.strangler.cdc.apply.ApplierStats;
import dev.strangler.cdc.apply.PairOwner;
import dev.strangler.cdc.publish.DeadLetterCount;
import dev.strangler.cdc.reconcile.ReconcileReport;
import dev.strangler.cdc.reconcile.Reconciliations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/** Everything the bridge knows about itself, as one document for {@code /cdc/status} and the health details. */
public final class BridgeStatus {

    /**
     * How the bridge is, worst first. DOWN: changes do not get through (a capture failed, Kafka does not answer, a
     * change has waited longer than the lag threshold, wherever it waits: see {@link DirectionLag}).
     * DEGRADED: they do, but dead letters wait on their topic for someone to replay or delete them; a restart does not
     * make them go away, so neither does this.
     */
    public enum Condition { DOWN, DEGRADED, UP }

    private final List<Direction> directions;
    private final DeadLetterCount deadLetters;
    private final KafkaReachability kafka;
    private final Map<String, PairOwner> owners;
    private final Reconciliations reconciliations;
    private final Duration lagThreshold;
    private final DataSize walWarning;

    public BridgeStatus(List<Direction> directions, DeadLetterCount deadLetters, KafkaReachability kafka,
            Map<String, PairOwner> owners, Reconciliations reconciliations, Duration lagThreshold,
            DataSize walWarning) {
        this.directions = List.copyOf(directions);
        this.deadLetters = deadLetters;
        this.kafka = kafka;
        this.owners = Map.copyOf(owners);
        this.reconciliations = reconciliations;
        this.lagThreshold = lagThreshold;
        this.walWarning = walWarning;
    }

    public List<Direction> directions() {
        return directions;
    }

    /** True when no applier has a change waiting. */
    public boolean caughtUp() {
        return directions.stream().allMatch(d -> d.applier().stats().currentLagMs() == 0);
    }

    /** The condition and the document it was read from, from one look at the bridge, so that they agree. */
    public record Report(Condition condition, Map<String, Object> document) {
    }

    /** What is wrong, found in one look: the outages, then what degrades the bridge (the dead letters). */
    private record Findings(List<String> outages, List<String> degradations, long deadLetters) {

        Condition condition() {
            return !outages.isEmpty() ? Condition.DOWN : !degradations.isEmpty() ? Condition.DEGRADED : Condition.UP;
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>(outages);
            problems.addAll(degradations);
            return problems;
        }
    }

    private Findings findings() {
        long dead = deadLetters.count();
        return new Findings(outages(), degradations(dead), dead);
    }

    /** What keeps changes from getting through: the bridge is DOWN. */
    private List<String> outages() {
        List<String> outages = new ArrayList<>();
        for (Direction d : directions) {
            if (d.capture().state() == dev.strangler.cdc.capture.CaptureEngine.State.FAILED) {
                outages.add(d.pair() + " " + d.name() + " capture is down: " + d.capture().lastError());
            }
            DirectionLag lag = DirectionLag.of(d);
            if (lag.ms() > lagThreshold.toMillis()) {
                outages.add(d.pair() + " " + d.name() + " lag " + lag + " exceeds " + lagThreshold.toMillis()
                        + " ms");
            }
        }
        String kafkaProblem = kafka.problem();
        if (kafkaProblem != null) {
            outages.add(kafkaProblem);
        }
        return outages;
    }

    /** What someone must attend to, though changes get through: the bridge is DEGRADED. */
    private List<String> degradations(long dead) {
        return dead == 0 ? List.of() : List.of(dead + " dead letters on " + deadLetters.topic()
                + ": fix the cause, replay them, then delete them from the topic (cdc-bridge/README.md)");
    }

    /** Warnings that do not make the bridge unhealthy (yet). */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (Direction d : directions) {
            SlotMonitor.Reading r = d.slot().last();
            if (r.retainedWalBytes() > walWarning.toBytes()) {
                warnings.add("slot " + d.slot().slot() + " retains " + r.retainedWalBytes() / (1024 * 1024)
                        + " MB of WAL (warning at " + walWarning.toMegabytes() + " MB)");
            }
        }
        for (String pair : reconciliations.names()) {
            ReconcileReport last = reconciliations.last(pair);
            if (last != null && !last.consistent()) {
                warnings.add("last reconciliation of " + pair + " found " + last.mismatches() + " mismatches");
            }
        }
        return warnings;
    }

    public Map<String, Object> document() {
        return report().document();
    }

    public Report report() {
        Findings findings = findings();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", findings.condition().name());
        doc.put("healthy", findings.condition() == Condition.UP);
        doc.put("problems", findings.problems());
        doc.put("warnings", warnings());
        Map<String, Map<String, Object>> pairs = new LinkedHashMap<>();
        for (Direction d : directions) {
            Map<String, Object> pair = pairs.computeIfAbsent(d.pair(), name -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("directions", new LinkedHashMap<String, Object>());
                return m;
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> dirs = (Map<String, Object>) pair.get("directions");
            dirs.put(d.name(), direction(d));
        }
        for (Map.Entry<String, Map<String, Object>> e : pairs.entrySet()) {
            PairOwner owner = owners.get(e.getKey());
            Map<String, @Nullable Object> writeOwner = new LinkedHashMap<>();
            writeOwner.put("owner", owner == null ? null : owner.owner().get().name());
            writeOwner.put("route", owner == null ? null : owner.route());
            writeOwner.put("routeStage", owner == null ? null : owner.stage()); // null until the route table is read
            e.getValue().put("writeOwner", writeOwner);
            ReconcileReport last = reconciliations.last(e.getKey());
            e.getValue().put("reconcile", last == null ? Map.of("ran", false) : Map.of("ran", true,
                    "at", last.startedAt().toString(), "mismatches", last.mismatches(),
                    "legacyRows", last.legacyRows(), "serviceRows", last.serviceRows()));
        }
        doc.put("pairs", pairs);
        doc.put("kafka", kafka.document());
        doc.put("deadLetters", Map.of("topic", deadLetters.topic(), "count", findings.deadLetters()));
        return new Report(findings.condition(), doc);
    }

    private static Map<String, Object> direction(Direction d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lagMs", DirectionLag.of(d).ms());
        Map<String, @Nullable Object> capture = new LinkedHashMap<>();
        capture.put("state", d.capture().state().name());
        capture.put("published", d.captured().published());
        capture.put("skippedOwnWrites", d.captured().skippedOwnWrites());
        capture.put("snapshotRows", d.captured().snapshotRows());
        capture.put("snapshotCompleted", d.captured().snapshotCompleted());
        capture.put("lastError", d.capture().lastError()); // null (JSON null) until the capture fails
        capture.put("unacknowledgedMs", d.captured().unacknowledgedMs());
        m.put("capture", capture);
        ApplierStats a = d.applier().stats();
        m.put("apply", Map.of(
                "topic", d.applier().topic(),
                "applied", a.applied(),
                "skippedStale", a.stale(),
                "conflictsLost", a.conflicts(),
                "retries", a.retries(),
                "lagMs", a.currentLagMs(),
                "lastLagMs", a.lastLagMs(),
                "lastAppliedAt", a.lastAppliedAt().toString()));
        SlotMonitor.Reading r = d.slot().last();
        m.put("slot", Map.of("name", d.slot().slot(), "exists", r.exists(), "active", r.active(),
                "retainedWalBytes", r.retainedWalBytes(), "unconfirmedBytes", r.unconfirmedBytes(),
                "unconfirmedForMs", r.stalledMs()));
        return m;
    }
}
