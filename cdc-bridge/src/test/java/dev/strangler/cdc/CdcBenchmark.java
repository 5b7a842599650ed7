package dev.strangler.cdc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.zaxxer.hikari.HikariDataSource;
import dev.strangler.cdc.bench.CpuMeter;
import dev.strangler.cdc.bench.KeyCounter;
import dev.strangler.cdc.bench.RawDebeziumPipe;
import dev.strangler.cdc.bench.RoundRecording;
import dev.strangler.cdc.bench.StallProbe;
import dev.strangler.cdc.capture.internal.DebeziumConfig;
import dev.strangler.cdc.capture.internal.VaultTokenizer;
import dev.strangler.cdc.publish.TopicSetup;
import dev.strangler.cdc.reconcile.ReconcileReport;
import dev.strangler.cdc.reconcile.Reconciler;
import dev.strangler.cdc.status.Direction;
import dev.strangler.cdc.translate.CardNumber;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.support.kafka.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CDC bridge's figures, in one run on one machine: end-to-end lag at a sustained change rate, capture throughput
 * against a raw Debezium engine on the same database, end-to-end throughput into the new database, and
 * reconciliation of a million payments. Not a test: {@code benchmarks/cdc/run.sh} runs it and writes
 * {@code benchmarks/results/cdc.json}. Run it with the module directory as the working directory (the fixtures
 * find the sibling modules' jars and migrations relative to it).
 *
 * <p>Everything is real and local: the lab's embedded PostgreSQL servers (legacy and new), the in-process Kafka
 * broker, the Apicurio registry, the packaged monolith and payment service (the vault) as child JVMs, and the bridge
 * itself in this JVM ({@link BridgeInstance}, its own topics and slots). One warm-up pass runs every step once before
 * the measured pass, so that the JIT has compiled the hot paths of the bridge, the raw engine and the load generator
 * alike.
 *
 * <p>The bridge is generic, so the same lag run and capture rounds run on a second table pair, the customers
 * (extractions/customers.yaml, another mapping: names split, e-mails lower-cased), through a bridge serving that pair
 * alone, started once the payments' bridge is gone: the figures of each pair are made with one bridge in the JVM,
 * as the raw engine runs alone.
 */
public final class CdcBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int ROWS = Integer.getInteger("bench.rows", 200_000);
    private static final int TX_ROWS = Integer.getInteger("bench.tx-rows", 1_000);
    private static final int LAG_RATE = Integer.getInteger("bench.lag-rate", 1_000);
    private static final int LAG_SECONDS = Integer.getInteger("bench.lag-seconds", 20);
    private static final int LAG_WARMUP_SECONDS = Integer.getInteger("bench.lag-warmup-seconds", 5);
    private static final int LAG_WRITERS = Integer.getInteger("bench.lag-writers", 4);
    private static final int LAG_TX_ROWS = Integer.getInteger("bench.lag-tx-rows", 1);
    private static final int LAG_POLL_MICROS = Integer.getInteger("bench.lag-poll-us", 2_000);
    private static final int LAG_POLL_BATCH = Integer.getInteger("bench.lag-poll-batch", 256);
    private static final int RECONCILE_ROWS = Integer.getInteger("bench.reconcile-rows", 1_000_000);
    private static final int RECONCILE_CHUNK = Integer.getInteger("bench.reconcile-chunk", 10_000);
    private static final boolean WARMUP = !"0".equals(System.getProperty("bench.warmup", "1"));
    /** Extra properties of the bridge, {@code key=value} separated by blanks. */
    private static final List<String> BRIDGE_PROPERTIES = Arrays.stream(
            System.getProperty("bench.bridge-properties", "").trim().split("\\s+")).filter(p -> !p.isEmpty()).toList();
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(10);

    private static final double TARGET_LAG_P99_MS = 100;
    private static final double TARGET_CAPTURE_RATIO = 1.0;
    private static final double TARGET_ROWS_PER_S_INTO_DB = 30_000;
    private static final double TARGET_RECONCILE_SECONDS = 20;

    /**
     * A captured legacy table, as the rounds change it and find the changes in the new database. Each update sets a
     * marker that reaches one column of the new database's row unchanged ({@code serviceMarker}); every parameter of
     * the two statements before the id (or the id range) is that marker.
     *
     * @param rangeUpdate sets {@code marker || id} on the rows {@code id between ? and ?} (the throughput rounds)
     * @param rowUpdate sets {@code marker} on the row {@code id = ?} (the lag run, the raw round's probe)
     */
    private record Table(String name, String legacyTable, String serviceTable, String serviceMarker,
                         String rangeUpdate, String rowUpdate) {

        static final Table PAYMENTS = new Table("payments", "payments", "payments", "psp_reference",
                "update payments set psp_reference = ? || id, updated_at = now() where id between ? and ?",
                "update payments set psp_reference = ?, updated_at = now() where id = ?");

        /** Name and e-mail at once, as the monolith's profile form saves them; the marker is the family name. */
        static final Table CUSTOMERS = new Table("customers", "customers", "customers", "family_name",
                "update customers set name = 'Bench ' || ? || id, email = 'Bench.' || ? || id || '@Example.Test'"
                        + " where id between ? and ?",
                "update customers set name = 'Lag ' || ?, email = 'Lag.' || ? || '@Example.Test' where id = ?");

        /** Binds the marker and the id range of {@link #rangeUpdate}. */
        void bindRange(PreparedStatement s, String marker, long from, long to) throws SQLException {
            int markers = placeholders(rangeUpdate) - 2;
            for (int k = 1; k <= markers; k++) {
                s.setString(k, marker);
            }
            s.setLong(markers + 1, from);
            s.setLong(markers + 2, to);
        }

        /** Binds the marker and the id of {@link #rowUpdate}. */
        void bindRow(PreparedStatement s, String marker, long id) throws SQLException {
            int markers = placeholders(rowUpdate) - 1;
            for (int k = 1; k <= markers; k++) {
                s.setString(k, marker);
            }
            s.setLong(markers + 1, id);
        }

        /** The parameters of {@link #rowUpdate}, for {@link Db#update}. */
        Object[] rowArguments(String marker, long id) {
            Object[] args = new Object[placeholders(rowUpdate)];
            Arrays.fill(args, marker);
            args[args.length - 1] = id;
            return args;
        }

        private static int placeholders(String sql) {
            return (int) sql.chars().filter(c -> c == '?').count();
        }
    }

    /**
     * One table pair under test: its table, the bridge serving it and the new database that bridge writes.
     *
     * @param full every round (into the database, the drain, the idle CPU) or only the lag run and the capture
     *             rounds against raw Debezium
     */
    private record Part(Table table, BridgeInstance bridge, Db service, boolean full) {

        String name() {
            return table.name();
        }

        /** The bridge's legacy -> new direction of the pair. */
        Direction forward() {
            return bridge.bean(RunningDirections.class).directions().stream()
                    .filter(d -> d.name().equals("legacy-to-service")).findFirst().orElseThrow();
        }

        /** A round's name for the log and for {@code bench.jfr}: the payments' as they were, the others prefixed. */
        String round(String round) {
            return table == Table.PAYMENTS ? round : name() + "-" + round;
        }

        long rowsWithMarker(String marker) {
            return service.count("select count(*) from " + table.serviceTable() + " where " + table.serviceMarker()
                    + " like ?", marker + "%");
        }
    }

    private final Path root;
    private Db legacy;
    private int rawRounds;
    private Map<String, Object> idle = Map.of();

    private CdcBenchmark(Path root) {
        this.root = root;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            quietLogging();
            Path root = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
            Path out = Path.of(args.length > 0 ? args[0] : root.resolve("benchmarks/results/cdc.json").toString());
            new CdcBenchmark(root).run(out);
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        } finally {
            // Kafka's threads are not daemons; the lab's servers and child JVMs stop in shutdown hooks
            System.exit(status);
        }
    }

    /** Logback's default before Spring configures it is DEBUG for everything, the in-process broker included. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            for (String noisy : List.of("org.apache.kafka", "kafka", "state.change.logger", "io.debezium",
                    "com.zaxxer", "org.flywaydb", "io.zonky")) {
                context.getLogger(noisy).setLevel(Level.WARN);
            }
        }
    }

    private void run(Path out) throws Exception {
        String loadBefore = loadavg();
        Instant startedAt = Instant.now();
        say("load before: %s; rows %d, lag %d/s for %d s, reconcile %d, warm-up %s", loadBefore, ROWS, LAG_RATE,
                LAG_SECONDS, RECONCILE_ROWS, WARMUP);

        ShopApps apps = ShopApps.shared();
        long t = System.nanoTime();
        legacy = Schemas.legacy(TestLab.legacyPostgres(), ROWS);
        Schemas.seedCustomers(legacy, ROWS);
        Db paymentsDb = Schemas.service(TestLab.paymentsPostgres());
        Db customersDb = Schemas.customers(TestLab.paymentsPostgres());
        for (Table table : List.of(Table.PAYMENTS, Table.CUSTOMERS)) {
            legacy.update("vacuum analyze " + table.legacyTable());
            Map<String, Object> ids = legacy.row("select min(id) as lo, max(id) as hi, count(*) as n from "
                    + table.legacyTable());
            check(((Number) ids.get("lo")).longValue() == 1 && ((Number) ids.get("hi")).longValue() == ROWS
                    && ((Number) ids.get("n")).longValue() == ROWS,
                    "legacy " + table.name() + " ids are not 1.." + ROWS + ": " + ids);
        }
        say("legacy database with %d payments and %d customers ready in %.1f s", ROWS, ROWS, secondsSince(t));

        Measured payments = measure(new Part(Table.PAYMENTS, new BridgeInstance("bench", legacy, paymentsDb,
                apps.paymentService.baseUrl(), bridgeProperties("bridge.log")), paymentsDb, true));
        // after the payments' bridge has closed: one bridge at a time in this JVM
        Measured customers = measure(new Part(Table.CUSTOMERS, new BridgeInstance("bench-customers", "customers",
                legacy, customersDb, apps.paymentService.baseUrl(), bridgeProperties("bridge-customers.log")),
                customersDb, false));
        Map<String, Object> vault = vaultCost(apps.paymentService.baseUrl());
        Map<String, Object> reconcile = reconcile();
        String loadAfter = loadavg();

        Map<String, Object> measured = payments.measured();
        @SuppressWarnings("unchecked")
        Map<String, Object> lag = (Map<String, Object>) measured.get("lag");
        @SuppressWarnings("unchecked")
        Map<String, Object> e2e = (Map<String, Object>) measured.get("bridge_end_to_end");
        @SuppressWarnings("unchecked")
        Map<String, Object> drain = (Map<String, Object>) measured.get("bridge_drain");
        @SuppressWarnings("unchecked")
        Map<String, Object> capture = (Map<String, Object>) measured.get("bridge_capture_only");
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) measured.get("raw_debezium");
        Map<String, Object> paymentsFigures = headline(measured);
        Map<String, Object> customersFigures = headline(customers.measured());
        double rawRate = (double) raw.get("capture_rows_per_s");
        double intoDb = (double) drain.get("rows_per_s_into_db");
        double reconcileSeconds = (double) reconcile.get("seconds");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "cdc-bridge");
        result.put("lag_p50_ms_at_1000", paymentsFigures.get("lag_p50_ms_at_1000"));
        result.put("lag_p99_ms_at_1000", paymentsFigures.get("lag_p99_ms_at_1000"));
        result.put("capture_rows_per_s", paymentsFigures.get("capture_rows_per_s"));
        result.put("raw_debezium_rows_per_s", paymentsFigures.get("raw_debezium_rows_per_s"));
        result.put("capture_ratio_vs_raw_debezium", paymentsFigures.get("capture_ratio_vs_raw_debezium"));
        result.put("rows_per_s_into_db", r0(intoDb));
        result.put("rows_per_s_into_db_while_writing", e2e.get("rows_per_s_into_db"));
        result.put("reconcile_1m_seconds", reconcileSeconds);
        result.put("tables", map("payments", paymentsFigures, "customers", customersFigures));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("lag_p99_ms_at_1000", lagTarget(lag));
        targets.put("capture_ratio_vs_raw_debezium", captureTarget(measured));
        targets.put("rows_per_s_into_db", target(">= " + (int) TARGET_ROWS_PER_S_INTO_DB, r0(intoDb),
                intoDb >= TARGET_ROWS_PER_S_INTO_DB));
        targets.put("reconcile_1m_seconds", target("<= " + (int) TARGET_RECONCILE_SECONDS, reconcileSeconds,
                reconcileSeconds <= TARGET_RECONCILE_SECONDS && RECONCILE_ROWS == 1_000_000
                        && Boolean.TRUE.equals(reconcile.get("consistent"))));
        targets.put("customers_lag_p99_ms_at_1000", lagTarget(customers.lag()));
        targets.put("customers_capture_ratio_vs_raw_debezium", captureTarget(customers.measured()));
        result.put("targets", targets);
        result.put("sizes", map("rows", ROWS, "customer_rows", ROWS, "tx_rows", TX_ROWS, "lag_rate_per_s", LAG_RATE,
                "lag_seconds", LAG_SECONDS, "reconcile_rows", RECONCILE_ROWS));
        result.put("lag", lag);
        result.put("throughput", map(
                "bridge_end_to_end", e2e, "bridge_drain", drain, "bridge_capture_only", capture, "raw_debezium", raw,
                "capture_ratio_vs_raw_debezium_with_applier_running",
                r2((double) e2e.get("capture_rows_per_s") / rawRate)));
        result.put("reconcile", reconcile);
        result.put("backfill_cold", payments.backfill());
        result.put("vault", vault);
        result.put("idle", idle);
        result.put("warmup_pass", payments.warmup());
        result.put("customers", map("rows", ROWS, "lag", customers.lag(), "throughput", map(
                "bridge_capture_only", customers.measured().get("bridge_capture_only"),
                "raw_debezium", customers.measured().get("raw_debezium")),
                "backfill", customers.backfill(), "warmup_pass", customers.warmup()));
        result.put("notes", notes());
        result.put("machine", machine());
        result.put("load_before", loadBefore);
        result.put("load_after", loadAfter);
        result.put("started_at", startedAt.toString());
        result.put("took_seconds", r1(Duration.between(startedAt, Instant.now()).toMillis() / 1000.0));
        result.put("commit", System.getProperty("bench.commit", ""));
        result.put("bridge_properties", BRIDGE_PROPERTIES);
        if (!System.getProperty("bench.notes", "").isBlank()) {
            result.put("run_notes", System.getProperty("bench.notes"));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        say("load after: %s", loadAfter);
        System.out.println(Files.readString(out));
    }

    /** A part's passes: the initial snapshot, the warm-up pass (empty without one), the measured pass. */
    private record Measured(Map<String, Object> backfill, Map<String, Object> warmup, Map<String, Object> measured) {

        @SuppressWarnings("unchecked")
        Map<String, Object> lag() {
            return (Map<String, Object>) measured.get("lag");
        }
    }

    /** Starts the part's bridge, runs its passes and closes it (its slots dropped). */
    private Measured measure(Part part) throws Exception {
        try {
            Map<String, Object> backfill = backfill(part);
            Map<String, Object> warmup = WARMUP ? pass(part, "w", LAG_WARMUP_SECONDS) : Map.of();
            return new Measured(backfill, warmup, pass(part, "m", LAG_SECONDS));
        } finally {
            close(part);
        }
    }

    /** The figures the targets are about, from one pass: the lag run's percentiles and the capture ratio. */
    private static Map<String, Object> headline(Map<String, Object> pass) {
        @SuppressWarnings("unchecked")
        Map<String, Object> lag = (Map<String, Object>) pass.get("lag");
        return map("lag_p50_ms_at_1000", lag.get("p50_ms"), "lag_p99_ms_at_1000", lag.get("p99_ms"),
                "capture_rows_per_s", captureRate(pass, "bridge_capture_only"),
                "raw_debezium_rows_per_s", captureRate(pass, "raw_debezium"),
                "capture_ratio_vs_raw_debezium", r2(captureRatio(pass)));
    }

    @SuppressWarnings("unchecked")
    private static double captureRate(Map<String, Object> pass, String round) {
        return (double) ((Map<String, Object>) pass.get(round)).get("capture_rows_per_s");
    }

    /** The bridge's capture-only round against the raw engine's round, unrounded. */
    private static double captureRatio(Map<String, Object> pass) {
        return captureRate(pass, "bridge_capture_only") / captureRate(pass, "raw_debezium");
    }

    private static Map<String, Object> lagTarget(Map<String, Object> lag) {
        double p99 = (double) lag.get("p99_ms");
        return target("<= " + (int) TARGET_LAG_P99_MS, p99,
                p99 <= TARGET_LAG_P99_MS && (long) lag.get("unobserved") == 0 && LAG_RATE == 1000);
    }

    private static Map<String, Object> captureTarget(Map<String, Object> pass) {
        double ratio = captureRatio(pass);
        return target(">= " + TARGET_CAPTURE_RATIO, r2(ratio), ratio >= TARGET_CAPTURE_RATIO);
    }

    private String[] bridgeProperties(String logFile) {
        List<String> properties = new ArrayList<>(List.of(
                "logging.file.name=" + root.resolve("benchmarks/cdc/target").resolve(logFile),
                "logging.threshold.console=WARN",
                "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN"));
        // e.g. the tracing settings of a run (sampling, Zipkin export): recorded in the JSON
        properties.addAll(BRIDGE_PROPERTIES);
        return properties.toArray(String[]::new);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the bridge

    /** Starts the bridge on the freshly seeded databases and waits for the initial snapshot to be applied. */
    private Map<String, Object> backfill(Part part) throws InterruptedException {
        long t0 = System.nanoTime();
        part.bridge().start();
        Direction d = part.forward();
        await("backfill", Duration.ofMinutes(20), () -> d.captured().snapshotCompleted()
                && d.captured().published() >= ROWS && d.applier().stats().applied() >= d.captured().published());
        double seconds = secondsSince(t0);
        say("[%s] backfill: %d rows applied %.1f s after the bridge was started", part.name(), ROWS, seconds);
        return map("rows", ROWS, "seconds_from_start", r2(seconds), "rows_per_s", r0(ROWS / seconds),
                "note", "the initial snapshot, timed from the bridge's start (Spring context included), "
                        + (part.full() ? "JIT cold" : "after the payments part") + ": for information, not a target");
    }

    /** Waits until nothing moves in the forward direction for a second. */
    private static void awaitQuiet(Direction d) throws InterruptedException {
        long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
        long[] last = null;
        while (System.nanoTime() < deadline) {
            long[] now = {d.captured().published(), d.applier().stats().applied(), d.applier().stats().stale(),
                    d.applier().stats().conflicts()};
            if (Arrays.equals(now, last) && d.applier().stats().currentLagMs() == 0) {
                return;
            }
            last = now;
            TimeUnit.SECONDS.sleep(1);
        }
        throw new IllegalStateException("the bridge did not settle within " + ROUND_TIMEOUT);
    }

    private void close(Part part) {
        part.bridge().close();
        dropSlot(legacy, part.bridge().legacySlot());
        dropSlot(part.service(), part.bridge().serviceSlot());
    }

    /** Drops a replication slot once its walsender has gone (a just-stopped engine's may linger a moment). */
    private static void dropSlot(Db db, String slot) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.count("select count(*) from pg_replication_slots where slot_name = ?", slot) > 0) {
            db.dropSlot(slot);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replication slot " + slot + " is still there");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // one pass: throughput rounds and the lag run

    /** The rounds of {@code part} (see {@link Part#full}), then the lag run. */
    private Map<String, Object> pass(Part part, String tag, int lagSeconds) throws Exception {
        say("--- %s, %s pass", part.name(), tag.equals("w") ? "warm-up" : "measured");
        Map<String, Object> pass = new LinkedHashMap<>();
        if (part.full()) {
            pass.put("bridge_end_to_end", endToEndRound(part, tag));
            pass.put("bridge_drain", drainRound(part, tag));
        }
        pass.put("bridge_capture_only", captureOnlyRound(part, tag));
        pass.put("raw_debezium", rawRound(part, tag));
        pass.put("lag", lagRun(part, tag, lagSeconds));
        return pass;
    }

    /**
     * The same starting point for every round: the previous rounds' dead rows vacuumed away on both sides, statistics
     * fresh, dirty buffers written out (a checkpoint in the middle of one round and not another would tilt them).
     */
    private void settle(Part part) {
        legacy.update("vacuum analyze " + part.table().legacyTable());
        part.service().update("vacuum analyze " + part.table().serviceTable());
        part.service().update("vacuum analyze strangler_cdc.applied");
        legacy.update("checkpoint");
        part.service().update("checkpoint");
    }

    /** When a round's writes started (both clocks) and how long they took. */
    private record Writes(long startNanos, Instant startedAt, double seconds) {
    }

    /**
     * Updates the legacy rows 1..ROWS of {@code table} in transactions of TX_ROWS rows, from one connection, as fast
     * as PostgreSQL takes them. Each row's marker column in the new database becomes {@code marker || id}.
     */
    private Writes updateAll(Table table, String marker) throws SQLException {
        try (Connection c = DriverManager.getConnection(legacy.url());
                PreparedStatement s = c.prepareStatement(table.rangeUpdate())) {
            c.setAutoCommit(true);
            long updated = 0;
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            for (int from = 1; from <= ROWS; from += TX_ROWS) {
                table.bindRange(s, marker, from, Math.min(ROWS, from + TX_ROWS - 1L));
                updated += s.executeUpdate();
            }
            double seconds = secondsSince(t0);
            check(updated == ROWS, "updated " + updated + " rows, expected " + ROWS);
            return new Writes(t0, startedAt, seconds);
        }
    }

    /** The bridge as deployed: capture and applier running. Capture time and time into the new database. */
    private Map<String, Object> endToEndRound(Part part, String tag) throws Exception {
        Direction d = part.forward();
        awaitQuiet(d);
        settle(part);
        long applied0 = d.applier().stats().applied();
        String marker = tag + "-e2e-";
        String load = loadavg();
        Writes w;
        double captureSeconds;
        long records;
        try (KeyCounter counter = new KeyCounter(TestLab.kafka().bootstrapServers(), part.bridge().legacyTopic(),
                ROWS)) {
            w = updateAll(part.table(), marker);
            check(counter.await(ROUND_TIMEOUT), "the bridge's topic got " + counter.distinct() + " of " + ROWS);
            captureSeconds = (counter.reachedNanos() - w.startNanos()) / 1e9;
            records = counter.records();
        }
        await("applied", ROUND_TIMEOUT, () -> d.applier().stats().applied() - applied0 >= ROWS);
        double applySeconds = Duration.between(w.startedAt(), d.applier().stats().lastAppliedAt()).toNanos() / 1e9;
        long verified = part.rowsWithMarker(marker);
        check(verified == ROWS, "the new database holds " + verified + " of " + ROWS + " changes");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", ROWS);
        r.put("update_seconds", r2(w.seconds()));
        r.put("capture_seconds", r2(captureSeconds));
        r.put("capture_rows_per_s", r0(ROWS / captureSeconds));
        r.put("capture_after_last_update_seconds", r2(captureSeconds - w.seconds()));
        r.put("apply_seconds", r2(applySeconds));
        r.put("rows_per_s_into_db", r0(ROWS / applySeconds));
        r.put("records_in_kafka", records);
        r.put("load_at_start", load);
        r.put("rows_verified_in_db", verified);
        say("[%s %s] end to end: updates %.2f s, in Kafka after %.2f s (%.0f rows/s), applied after %.2f s"
                + " (%.0f rows/s)", part.name(), tag, w.seconds(), captureSeconds, ROWS / captureSeconds, applySeconds,
                ROWS / applySeconds);
        return r;
    }

    /**
     * The bridge's own pace, with no writer competing for the two cores: the round's changes are written while the
     * bridge is stopped (its slot keeps them), then the bridge starts and drains the backlog, capture, Kafka and apply
     * at once. Timed from the first change on the bridge's topic (the Spring context's and the engine's start-up are
     * not throughput) to the applier's commit of the last one.
     */
    private Map<String, Object> drainRound(Part part, String tag) throws Exception {
        awaitQuiet(part.forward());
        part.bridge().stop();
        settle(part);
        String marker = tag + "-drain-";
        Writes w = updateAll(part.table(), marker);
        String load = loadavg();
        double drainSeconds;
        double captureSeconds;
        Map<String, Object> cpuUse;
        try (KeyCounter counter = new KeyCounter(TestLab.kafka().bootstrapServers(), part.bridge().legacyTopic(),
                        ROWS);
                RoundRecording jfr = RoundRecording.of(part.round("drain"), tag, jfrDirectory())) {
            part.bridge().start();
            // from the Spring context's start on (its own start-up is not the pipeline's cost)
            CpuMeter cpu = new CpuMeter(Map.of("legacy_postgres", legacy.parts()[2], "service_postgres",
                    part.service().parts()[2]));
            Direction d = part.forward();
            await("drained", ROUND_TIMEOUT, () -> d.applier().stats().applied() >= ROWS);
            check(counter.await(ROUND_TIMEOUT), "the bridge's topic got " + counter.distinct() + " of " + ROWS);
            Instant firstOnTopic = Instant.now().minusNanos(System.nanoTime() - counter.firstNanos());
            drainSeconds = Duration.between(firstOnTopic, d.applier().stats().lastAppliedAt()).toNanos() / 1e9;
            captureSeconds = (counter.reachedNanos() - counter.firstNanos()) / 1e9;
            cpuUse = cpu.since(ROWS);
        }
        long verified = part.rowsWithMarker(marker);
        check(verified == ROWS, "the new database holds " + verified + " of " + ROWS + " changes");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", ROWS);
        r.put("cpu_after_context_start", cpuUse);
        r.put("update_seconds_bridge_stopped", r2(w.seconds()));
        r.put("capture_seconds", r2(captureSeconds));
        r.put("capture_rows_per_s", r0(ROWS / captureSeconds));
        r.put("drain_seconds", r2(drainSeconds));
        r.put("rows_per_s_into_db", r0(ROWS / drainSeconds));
        r.put("load_at_start", load);
        r.put("rows_verified_in_db", verified);
        say("[%s %s] drain: %d changes written while stopped, all in Kafka after %.2f s (%.0f rows/s), applied after"
                + " %.2f s (%.0f rows/s)", part.name(), tag, ROWS, captureSeconds, ROWS / captureSeconds, drainSeconds,
                ROWS / drainSeconds);
        return r;
    }

    /** The bridge's capture alone: the forward applier is stopped during the round, then catches up (not timed). */
    private Map<String, Object> captureOnlyRound(Part part, String tag) throws Exception {
        Direction d = part.forward();
        awaitQuiet(d);
        settle(part);
        long applied0 = d.applier().stats().applied();
        String marker = tag + "-cap-";
        String load = loadavg();
        Writes w;
        double captureSeconds;
        long records;
        Map<String, Object> cpuUse;
        d.applier().stop();
        try (KeyCounter counter = new KeyCounter(TestLab.kafka().bootstrapServers(), part.bridge().legacyTopic(),
                        ROWS);
                RoundRecording jfr = RoundRecording.of(part.round("capture"), tag, jfrDirectory())) {
            CpuMeter cpu = new CpuMeter(Map.of("legacy_postgres", legacy.parts()[2]));
            w = updateAll(part.table(), marker);
            check(counter.await(ROUND_TIMEOUT), "the bridge's topic got " + counter.distinct() + " of " + ROWS);
            captureSeconds = (counter.reachedNanos() - w.startNanos()) / 1e9;
            records = counter.records();
            cpuUse = cpu.since(ROWS);
        } finally {
            d.applier().start();
        }
        await("applied after the capture-only round", ROUND_TIMEOUT,
                () -> d.applier().stats().applied() - applied0 >= ROWS);
        long verified = part.rowsWithMarker(marker);
        check(verified == ROWS, "the new database holds " + verified + " of " + ROWS + " changes");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", ROWS);
        r.put("update_seconds", r2(w.seconds()));
        r.put("capture_seconds", r2(captureSeconds));
        r.put("capture_rows_per_s", r0(ROWS / captureSeconds));
        r.put("capture_after_last_update_seconds", r2(captureSeconds - w.seconds()));
        r.put("records_in_kafka", records);
        r.put("cpu", cpuUse);
        r.put("load_at_start", load);
        say("[%s %s] capture only: updates %.2f s, in Kafka after %.2f s (%.0f rows/s)", part.name(), tag, w.seconds(),
                captureSeconds, ROWS / captureSeconds);
        return r;
    }

    /**
     * The baseline: the bridge is stopped (its slot keeps the WAL), a raw Debezium engine with the bridge's engine
     * settings streams the same kind of round to its own topic, then the bridge is started again and catches up on
     * the round's changes (not timed).
     */
    private Map<String, Object> rawRound(Part part, String tag) throws Exception {
        awaitQuiet(part.forward());
        boolean measureIdle = tag.equals("m") && part.full();
        double idleRunning = measureIdle ? idleCpu() : -1;
        int partitions = part.bridge().bean(BridgeProperties.class).topics().partitions();
        java.time.Duration pollInterval = part.bridge().bean(BridgeProperties.class).pollInterval().legacy();
        part.bridge().stop();
        double idleStopped = measureIdle ? idleCpu() : -1;
        settle(part);
        String slot = "bench_raw_" + tag + "_" + (++rawRounds);
        String topic = "bench.raw." + slot;
        new TopicSetup(KafkaConnection.plaintext(TestLab.kafka().bootstrapServers())).ensure(List.of(topic), partitions, List.of());
        Path offsets = Path.of("target", "test-bridge", "bench-raw").toAbsolutePath();
        FileTrees.deleteRecursively(offsets);
        Files.createDirectories(offsets);
        String[] l = legacy.parts();
        Properties config = DebeziumConfig.forTable(slot,
                new BridgeProperties.Database(l[0], Integer.parseInt(l[1]), l[2], "postgres", "", "prefer", ""),
                offsets.resolve(slot + ".offsets"), "public." + part.table().legacyTable(), "no_data", pollInterval);
        config.setProperty("converter.schemas.enable", "false");
        String marker = tag + "-raw-";
        String load = loadavg();
        Writes w;
        double captureSeconds;
        long records;
        Map<String, Object> cpuUse;
        try (RawDebeziumPipe raw = new RawDebeziumPipe(config, TestLab.kafka().bootstrapServers(), topic).start()) {
            // streaming once a probe change comes through
            try (KeyCounter probe = new KeyCounter(TestLab.kafka().bootstrapServers(), topic, 1)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (probe.records() == 0) {
                    check(raw.failure() == null, "raw engine stopped: " + raw.failure());
                    check(System.nanoTime() < deadline, "the raw engine did not stream within 2 minutes");
                    legacy.update(part.table().rowUpdate(), part.table().rowArguments("probe", 1));
                    TimeUnit.MILLISECONDS.sleep(300);
                }
            }
            TimeUnit.SECONDS.sleep(1);
            try (KeyCounter counter = new KeyCounter(TestLab.kafka().bootstrapServers(), topic, ROWS);
                    RoundRecording jfr = RoundRecording.of(part.round("raw"), tag, jfrDirectory())) {
                CpuMeter cpu = new CpuMeter(Map.of("legacy_postgres", legacy.parts()[2]));
                w = updateAll(part.table(), marker);
                check(counter.await(ROUND_TIMEOUT), "the raw topic got " + counter.distinct() + " of " + ROWS);
                captureSeconds = (counter.reachedNanos() - w.startNanos()) / 1e9;
                records = counter.records();
                cpuUse = cpu.since(ROWS);
            }
        }
        dropSlot(legacy, slot);
        legacy.update("drop publication if exists " + slot);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rows", ROWS);
        r.put("update_seconds", r2(w.seconds()));
        r.put("capture_seconds", r2(captureSeconds));
        r.put("capture_rows_per_s", r0(ROWS / captureSeconds));
        r.put("capture_after_last_update_seconds", r2(captureSeconds - w.seconds()));
        r.put("records_in_kafka", records);
        r.put("cpu", cpuUse);
        r.put("load_at_start", load);
        r.put("topic_partitions", partitions);
        if (idleRunning >= 0) {
            idle = map("bench_jvm_cpu_percent_bridge_running", r1(idleRunning),
                    "bench_jvm_cpu_percent_bridge_stopped", r1(idleStopped),
                    "bridge_idle_cpu_percent_of_one_core", r1(idleRunning - idleStopped),
                    "note", "CPU time of the benchmark's JVM (the Kafka broker, the bridge, the idle load"
                            + " generator) over 10 s with no change to capture, with the bridge idle and with it"
                            + " stopped; percent of one core");
            say("idle: bench JVM %.1f%% of a core with the bridge running, %.1f%% with it stopped", idleRunning,
                    idleStopped);
        }
        say("[%s %s] raw Debezium: updates %.2f s, in Kafka after %.2f s (%.0f rows/s)", part.name(), tag, w.seconds(),
                captureSeconds, ROWS / captureSeconds);

        long t = System.nanoTime();
        part.bridge().start();
        awaitSlowly("the bridge catching up on the raw round", ROUND_TIMEOUT,
                () -> part.rowsWithMarker(marker) == ROWS);
        awaitQuiet(part.forward());
        say("[%s %s] bridge restarted and caught up in %.1f s (not timed)", part.name(), tag, secondsSince(t));
        return r;
    }

    private Path jfrDirectory() {
        return root.resolve("benchmarks/cdc/target");
    }

    /** This JVM's CPU use over 10 s, in percent of one core. */
    private static double idleCpu() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        TimeUnit.SECONDS.sleep(2);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(10);
        return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // lag at a sustained rate

    private static String lagMarker(String tag, int i) {
        return "lag-" + tag + "-" + i;
    }

    /** The i-th distinct legacy row to update (a stride through 1..ROWS, so neighbours are in other pages). */
    private static long lagId(int i) {
        return 1 + (i * 7919L) % ROWS;
    }

    /**
     * Open loop: change i is due at {@code t0 + i / rate}; writers (one connection each) commit single-row (or
     * LAG_TX_ROWS-row) updates of existing rows of the part's table, each with a unique marker, and note the time the
     * commit returned. A poller reads the pending ids from the new database every LAG_POLL_MICROS and notes, per
     * change, the start of the first query that saw its marker. Lag = seen - committed.
     */
    private Map<String, Object> lagRun(Part part, String tag, int seconds) throws Exception {
        Table table = part.table();
        awaitQuiet(part.forward());
        settle(part);
        String load = loadavg();
        int total = LAG_RATE * seconds;
        int transactions = (total + LAG_TX_ROWS - 1) / LAG_TX_ROWS;
        long interval = TimeUnit.SECONDS.toNanos(1) / LAG_RATE;
        long[] committed = new long[total];
        long[] seen = new long[total];
        long[] inKafka = new long[total];
        Map<Long, Integer> indexById = new java.util.HashMap<>();
        for (int i = total - 1; i >= 0; i--) {
            indexById.put(lagId(i), i); // the first change of an id, should the schedule wrap around
        }
        long[] late = new long[transactions];
        // change index -> payment id, oldest first
        java.util.concurrent.ConcurrentSkipListMap<Integer, Long> pending =
                new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        var writersDone = new java.util.concurrent.atomic.AtomicBoolean();

        Thread poller = Thread.ofPlatform().name("bench-lag-poller").start(() -> {
            try (Connection c = DriverManager.getConnection(part.service().url());
                 PreparedStatement s = c.prepareStatement("select id, " + table.serviceMarker() + " from "
                         + table.serviceTable() + " where id = any(?)")) {
                long giveUp = Long.MAX_VALUE;
                while (true) {
                    if (writersDone.get() && giveUp == Long.MAX_VALUE) {
                        giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    }
                    if (pending.isEmpty()) {
                        if (writersDone.get() || System.nanoTime() > giveUp) {
                            return;
                        }
                        LockSupport.parkNanos(100_000);
                        continue;
                    }
                    if (System.nanoTime() > giveUp) {
                        return;
                    }
                    // the oldest pending changes only: the query's cost stays bounded when the lag grows
                    Map<Long, Integer> batch = new java.util.HashMap<>();
                    for (Map.Entry<Integer, Long> e : pending.entrySet()) {
                        batch.put(e.getValue(), e.getKey());
                        if (batch.size() == LAG_POLL_BATCH) {
                            break;
                        }
                    }
                    Array array = c.createArrayOf("bigint", batch.keySet().toArray());
                    s.setArray(1, array);
                    long start = System.nanoTime();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            Integer i = batch.get(id);
                            if (i != null && lagMarker(tag, i).equals(rs.getString(2))) {
                                seen[i] = start;
                                pending.remove(i);
                            }
                        }
                    }
                    array.free();
                    long next = start + TimeUnit.MICROSECONDS.toNanos(LAG_POLL_MICROS);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });

        // where the time goes: a consumer on the bridge's topic notes when each change reached Kafka
        KeyCounter kafka = new KeyCounter(TestLab.kafka().bootstrapServers(), part.bridge().legacyTopic(), total,
                (id, nanos) -> {
                    Integer i = indexById.get(id);
                    if (i != null && inKafka[i] == 0) {
                        inKafka[i] = nanos;
                    }
                });
        StallProbe probe = new StallProbe(t0, Map.of("legacy", legacy.url(), "service", part.service().url()),
                "apply-" + part.forward().applier().direction());
        List<Thread> writers = new ArrayList<>();
        for (int k = 0; k < LAG_WRITERS; k++) {
            int first = k;
            writers.add(Thread.ofPlatform().name("bench-lag-writer-" + k).start(() -> {
                try (Connection c = DriverManager.getConnection(legacy.url());
                        PreparedStatement s = c.prepareStatement(table.rowUpdate())) {
                    c.setAutoCommit(LAG_TX_ROWS == 1);
                    for (int tx = first; tx < transactions; tx += LAG_WRITERS) {
                        int from = tx * LAG_TX_ROWS;
                        int to = Math.min(total, from + LAG_TX_ROWS);
                        long due = t0 + from * interval;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        for (int i = from; i < to; i++) {
                            table.bindRow(s, lagMarker(tag, i), lagId(i));
                            check(s.executeUpdate() == 1, table.name() + " " + lagId(i) + " not updated");
                        }
                        if (LAG_TX_ROWS > 1) {
                            c.commit();
                        }
                        long now = System.nanoTime();
                        late[tx] = now - due;
                        for (int i = from; i < to; i++) {
                            committed[i] = now;
                            pending.put(i, lagId(i));
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread w : writers) {
            w.join();
        }
        long lastCommit = Arrays.stream(committed).max().orElse(t0);
        writersDone.set(true);
        poller.join();
        probe.close();
        kafka.close();
        if (failure.get() != null) {
            throw new IllegalStateException("lag run failed", failure.get());
        }
        long[] lags = new long[total];
        long[] toKafka = new long[total];
        long[] kafkaToDb = new long[total];
        int observed = 0;
        int viaKafka = 0;
        List<Double> p50PerSecond = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (seen[i] != 0) {
                lags[observed++] = seen[i] - committed[i];
                second.add(seen[i] - committed[i]);
                if (inKafka[i] != 0) {
                    toKafka[viaKafka] = inKafka[i] - committed[i];
                    kafkaToDb[viaKafka++] = seen[i] - inKafka[i];
                }
            }
            if ((i + 1) % LAG_RATE == 0 || i == total - 1) {
                long[] s = second.stream().mapToLong(Long::longValue).sorted().toArray();
                p50PerSecond.add(ms(percentile(s, 0.5)));
                second.clear();
            }
        }
        long[] sorted = Arrays.copyOf(lags, observed);
        Arrays.sort(sorted);
        long[] toKafkaSorted = Arrays.copyOf(toKafka, viaKafka);
        Arrays.sort(toKafkaSorted);
        long[] kafkaToDbSorted = Arrays.copyOf(kafkaToDb, viaKafka);
        Arrays.sort(kafkaToDbSorted);
        long[] lateSorted = late.clone();
        Arrays.sort(lateSorted);
        double achieved = total / ((lastCommit - t0) / 1e9);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changes", total);
        r.put("target_rate_per_s", LAG_RATE);
        r.put("achieved_rate_per_s", r0(achieved));
        r.put("seconds", seconds);
        r.put("rows_per_transaction", LAG_TX_ROWS);
        r.put("writers", LAG_WRITERS);
        r.put("poll_interval_ms", LAG_POLL_MICROS / 1000.0);
        r.put("poll_batch", LAG_POLL_BATCH);
        r.put("p50_ms", ms(percentile(sorted, 0.50)));
        r.put("p90_ms", ms(percentile(sorted, 0.90)));
        r.put("p99_ms", ms(percentile(sorted, 0.99)));
        r.put("p999_ms", ms(percentile(sorted, 0.999)));
        r.put("max_ms", ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        r.put("min_ms", ms(sorted.length == 0 ? 0 : sorted[0]));
        r.put("observed", (long) observed);
        r.put("unobserved", (long) (total - observed));
        r.put("p50_ms_per_second", p50PerSecond);
        r.put("commit_to_kafka_p50_ms", ms(percentile(toKafkaSorted, 0.50)));
        r.put("commit_to_kafka_p99_ms", ms(percentile(toKafkaSorted, 0.99)));
        r.put("kafka_to_db_p50_ms", ms(percentile(kafkaToDbSorted, 0.50)));
        r.put("kafka_to_db_p99_ms", ms(percentile(kafkaToDbSorted, 0.99)));
        r.put("load_at_start", load);
        r.put("writer_commit_after_due_p99_ms", ms(percentile(lateSorted, 0.99)));
        r.put("writer_commit_after_due_max_ms", ms(lateSorted.length == 0 ? 0 : lateSorted[lateSorted.length - 1]));
        int worst = 0;
        for (int k = 1; k < p50PerSecond.size(); k++) {
            if (p50PerSecond.get(k) > p50PerSecond.get(worst)) {
                worst = k;
            }
        }
        r.put("stall_probe", probe.report(worst));
        say("[%s %s] stall probe: %s", part.name(), tag, r.get("stall_probe"));
        say("[%s %s] lag at %d/s (achieved %.0f/s) for %d s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms,"
                + " %d unobserved; commit->Kafka p50 %.1f / p99 %.1f ms, Kafka->db p50 %.1f / p99 %.1f ms;"
                + " p50 per second %s", part.name(), tag, LAG_RATE, achieved, seconds, ms(percentile(sorted, 0.50)),
                ms(percentile(sorted, 0.90)), ms(percentile(sorted, 0.99)), r.get("max_ms"), total - observed,
                r.get("commit_to_kafka_p50_ms"), r.get("commit_to_kafka_p99_ms"), r.get("kafka_to_db_p50_ms"),
                r.get("kafka_to_db_p99_ms"), p50PerSecond);
        return r;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the vault's cost per batch of new cards (the benchmark's rows use 3 card numbers, so its cache answers)

    private Map<String, Object> vaultCost(String vaultUrl) {
        VaultTokenizer tokenizer = new VaultTokenizer(new BridgeProperties.Vault(vaultUrl, "lab-internal-token",
                Duration.ofSeconds(30)));
        Random random = new Random();
        Set<String> used = new HashSet<>();
        List<Double> millis = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            List<CardNumber> cards = new ArrayList<>();
            while (cards.size() < 1000) {
                String pan = testPan(random);
                if (used.add(pan)) {
                    cards.add(new CardNumber(pan));
                }
            }
            long t = System.nanoTime();
            tokenizer.tokenize(cards);
            double ms = (System.nanoTime() - t) / 1e6;
            if (call > 0) {
                millis.add(ms);
            }
        }
        millis.sort(Double::compare);
        double median = millis.get(millis.size() / 2);
        say("vault: %.1f ms per call of 1000 new cards (median of %d)", median, millis.size());
        return map("tokenize_1000_new_cards_ms_median", r1(median), "calls", millis.size(),
                "note", "the bridge's VaultTokenizer against the real payment service (C1-only child JVM, as the"
                        + " fixtures start it), after one warm-up call; the rounds above use the 3 card numbers"
                        + " of Schemas, so the tokenizer's cache answers there");
    }

    /** A Luhn-valid 16-digit number starting with 4, for the lab's vault only. */
    private static String testPan(Random random) {
        StringBuilder b = new StringBuilder("4");
        for (int i = 0; i < 14; i++) {
            b.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = b.length() - 1, pos = 0; i >= 0; i--, pos++) {
            int d = b.charAt(i) - '0';
            if (pos % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return b.append((10 - sum % 10) % 10).toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reconciliation of a million payments

    private Map<String, Object> reconcile() throws Exception {
        say("--- reconciliation of %d payments", RECONCILE_ROWS);
        long t = System.nanoTime();
        Db l = Schemas.legacy(TestLab.legacyPostgres(), RECONCILE_ROWS);
        Db s = Schemas.service(TestLab.paymentsPostgres());
        // the service side as the bridge writes it, from the same formulas Schemas.legacy uses
        s.update("""
                insert into payments (id, order_id, legacy_id, status, currency, amount_minor, captured_minor,
                    refunded_minor, card_token, card_last4, card_brand, psp_reference, created_at, updated_at)
                select i, i, i, 'CAPTURED', 'EUR', (10 + i % 90) * 100 + 99, (10 + i % 90) * 100 + 99, 0,
                       'tok_' || i,
                       case i % 3 when 0 then '4242' when 1 then '4444' else '0005' end,
                       case i % 3 when 0 then 'VISA' when 1 then 'MASTERCARD' else 'AMEX' end,
                       'psp_' || i, now(), now()
                from generate_series(1, ?) i""", RECONCILE_ROWS);
        check(l.count("select count(*) from payments where id <> order_id") == 0,
                "legacy payment ids differ from their order ids");
        l.update("vacuum analyze payments");
        s.update("vacuum analyze payments");
        double setup = secondsSince(t);
        say("reconcile databases ready in %.1f s", setup);
        try (HikariDataSource lds = dataSource(l); HikariDataSource sds = dataSource(s)) {
            Path extractions = Path.of(System.getProperty("bench.root", "..")).resolve("extractions");
            Reconciler reconciler = new Reconciler(TablePairs.load(extractions, "payments", RECONCILE_CHUNK), lds,
                    sds);
            BooleanSupplier caughtUp = () -> true;
            long w = System.nanoTime();
            reconciler.reconcile(Duration.ZERO, caughtUp);
            double warm = secondsSince(w);
            long m = System.nanoTime();
            String load = loadavg();
            ReconcileReport report = reconciler.reconcile(Duration.ZERO, caughtUp);
            double seconds = secondsSince(m);
            say("reconcile: %.2f s (warm-up %.2f s), %d + %d rows, %d chunks, %d mismatches", seconds, warm,
                    report.legacyRows(), report.serviceRows(), report.chunks(), report.mismatches());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("payments", RECONCILE_ROWS);
            r.put("seconds", r2(seconds));
            r.put("report_took_ms", report.tookMillis());
            r.put("warmup_seconds", r2(warm));
            r.put("legacy_rows", report.legacyRows());
            r.put("service_rows", report.serviceRows());
            r.put("chunk_size", RECONCILE_CHUNK);
            r.put("chunks", report.chunks());
            r.put("mismatches", report.mismatches());
            r.put("consistent", report.consistent());
            r.put("setup_seconds", r1(setup));
            r.put("load_at_start", load);
            return r;
        }
    }

    private static HikariDataSource dataSource(Db db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setConnectionTimeout(5_000);
        ds.setMaximumPoolSize(4);
        return ds;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reporting

    private static List<String> notes() {
        return List.of(
                "One JVM holds the load generator, the in-process Kafka broker and the bridge (BridgeInstance, Spring"
                        + " context in-process, both directions enabled, its own topics and slots, dropped at the"
                        + " end). The monolith and the payment service (the vault) are the packaged jars as child"
                        + " JVMs, as the fixtures start them; PostgreSQL 18 x2 (embedded, synchronous_commit=on,"
                        + " fsync=off) and Apicurio are the lab's. Everything shares the same 2 cores.",
                "Warm-up: every step (end-to-end round, capture-only round, raw round, a 5 s lag run) ran once"
                        + " before the measured pass in the same JVM, so the JIT had compiled the hot paths;"
                        + " warmup_pass holds its figures. Only the measured pass feeds the headline figures.",
                "Lag: an open loop of single-row autocommit updates of existing legacy payments (distinct ids), each"
                        + " setting a unique psp_reference, due every 1 ms, spread over "
                        + LAG_WRITERS + " writer connections; commit time = when the commit returned to the writer"
                        + " (client side). Visibility: a poller on the new database queries the oldest "
                        + LAG_POLL_BATCH + " pending ids (select ... where id = any(?)) every "
                        + LAG_POLL_MICROS / 1000.0 + " ms and takes the start of the first query that returns the"
                        + " row with its marker. The poll interval bounds the error (late by up to one interval, more"
                        + " only when over " + LAG_POLL_BATCH + " changes are pending); the poller's load is part of"
                        + " the run. A consumer on the bridge's topic notes when each change reached Kafka, which"
                        + " splits the lag into commit->Kafka and Kafka->database.",
                "Throughput: " + ROWS + " legacy payments updated in transactions of " + TX_ROWS + " rows from one"
                        + " connection, as fast as PostgreSQL takes them (update_seconds). Before every round (and the"
                        + " lag run) both payments tables and the bridge's bookkeeping are vacuumed and analysed and"
                        + " both servers checkpointed, so that every round starts from the same state. Capture"
                        + " time = first update to the consumer poll that delivered the last distinct payment id of"
                        + " the round"
                        + " (a consumer on the topic counts distinct keys). Into the database = first update to the"
                        + " commit of the applier's batch holding the last change (ApplierStats.lastAppliedAt, the"
                        + " applier's own commit instant), then verified by SQL: every row carries the round's"
                        + " marker in the new database. That round (bridge_end_to_end) is bounded by the writer: its"
                        + " rows_per_s_into_db_while_writing cannot exceed ROWS / update_seconds.",
                "rows_per_s_into_db is the drain round (bridge_drain): the same updates written while the bridge"
                        + " is stopped (its replication slot keeps them), then the bridge starts and drains the"
                        + " backlog with capture, Kafka and apply running at once and no writer competing; timed from"
                        + " the first change of the round seen on the bridge's topic to the applier's commit of the"
                        + " last one (the Spring context's and Debezium's start-up are left out), verified by SQL.",
                "capture_rows_per_s is the capture-only round: the bridge's forward applier is stopped for the round,"
                        + " so the bridge's capture (Struct -> mapping -> vault tokenizer -> Avro -> Kafka acks) and"
                        + " the raw engine (Debezium JSON bytes straight to Kafka) compete with the same load: one"
                        + " counting consumer. bridge_end_to_end.capture_rows_per_s is the same figure with the"
                        + " applier writing into the new database at the same time.",
                "Raw baseline: Debezium embedded async engine with the bridge's own DebeziumConfig.forTable"
                        + " properties (poll.interval.ms as the bridge's bridge.poll-interval.legacy, max.batch.size=4096, max.queue.size=16384, pgoutput,"
                        + " filtered publication) but snapshot.mode=no_data, its own slot, JSON converter with"
                        + " schemas.enable=false; producer acks=all, idempotent, linger.ms=1, batch.size=262144,"
                        + " lz4, as the bridge's ChangePublisher; as many partitions as the bridge's topic"
                        + " (bridge.topics.partitions). While it runs the bridge is stopped (its slot keeps the WAL;"
                        + " it catches up afterwards, untimed).",
                "Card numbers: Schemas seeds 3 distinct test PANs, so after the first batch the bridge's tokenizer"
                        + " cache answers and the rounds make no vault round trip; vault.tokenize_1000_new_cards_ms"
                        + "_median is the cost of a batch of 1,000 new cards, measured separately.",
                "Reconciliation: " + RECONCILE_ROWS + " payments inserted with generate_series on both sides"
                        + " (Schemas for the schemas; the service rows from the same formulas), vacuum analyze,"
                        + " one warm-up reconcile, then the measured Reconciler.reconcile(settle 0) with chunk size "
                        + RECONCILE_CHUNK + ", run after the bridge was stopped and its slots dropped.",
                "Customers (tables.customers, customers): the same lag run and the same capture-only and raw rounds"
                        + " on the monolith's customers table, " + ROWS + " rows seeded by SQL (names of two or three"
                        + " words, mixed-case e-mails), through a second BridgeInstance that serves the customers pair"
                        + " alone (extractions/customers.yaml: the name split at its last space, the e-mail in lower"
                        + " case, UTC times, the service's version counted) into a customer-service database (its"
                        + " Flyway schema) on the new database's server. It starts after the payments' bridge has"
                        + " closed and its slots were dropped, so each pair's figures are made with one bridge in the"
                        + " JVM, as the raw engine runs alone; its warm-up pass (capture-only, raw, a "
                        + LAG_WARMUP_SECONDS + " s lag run) precedes its measured pass. Every change sets the name and"
                        + " the e-mail at once; the marker arrives as the service's family_name, which the lag run's"
                        + " poller reads (select id, family_name from customers where id = any(?)). No end-to-end,"
                        + " drain or idle figure for customers: rows_per_s_into_db and idle are the payments'.");
    }

    private static Map<String, Object> target(String target, Object value, boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", target);
        t.put("value", value);
        t.put("met", met);
        return t;
    }

    private static Map<String, Object> machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memory_mib", memKb / 1024);
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm_max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return m;
    }

    private static String loadavg() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    private static double ms(long nanos) {
        return r2(nanos / 1e6);
    }

    private static double r0(double v) {
        return Math.round(v);
    }

    private static double r1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not reached within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** For conditions that cost a query: polled every half second. */
    private static void awaitSlowly(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not reached within " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT " + format + "%n", prepend(new java.util.Date(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
