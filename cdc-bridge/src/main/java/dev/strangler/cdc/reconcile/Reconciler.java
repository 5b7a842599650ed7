package dev.strangler.cdc.reconcile;

import dev.strangler.extraction.TablePair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Compares the two tables of a {@link TablePair}, as its descriptor maps them: each side turns its row into the same
 * canonical text (see {@link CanonicalText}) and hashes it in SQL, so that only bucket checksums cross the wire unless
 * a bucket differs. Rows that exist on one side only by design (a state without a code on the other) are left out.
 * Knows no domain: the SQL is rendered from the descriptor once, at construction.
 */
public final class Reconciler {

    /** At most this many ids per list in a report. */
    public static final int MAX_IDS = 100;

    private final String pairName;
    private final DataSource legacy;
    private final DataSource service;
    private final int chunkSize;
    private final SideSql legacySql;
    private final SideSql serviceSql;

    /**
     * Renders both sides' SQL from {@code pair}, so that a descriptor that cannot be reconciled is refused when the
     * bridge starts, not at the first run.
     *
     * @throws IllegalArgumentException when a compared field is not stored on a side (the change's source time, a
     *                                  dropped column) or the chunk size is not positive
     */
    public Reconciler(TablePair pair, DataSource legacy, DataSource service) {
        if (pair.reconcile().chunkSize() < 1) {
            throw new IllegalArgumentException("table pair '" + pair.name() + "': chunk size must be positive");
        }
        this.pairName = pair.name();
        this.legacy = legacy;
        this.service = service;
        this.chunkSize = pair.reconcile().chunkSize();
        this.legacySql = SideSql.render(pair, TablePair.SideName.LEGACY);
        this.serviceSql = SideSql.render(pair, TablePair.SideName.EXTRACTED);
    }

    /** The name of the table pair this reconciles. */
    public String pairName() {
        return pairName;
    }

    private record Chunk(long rows, String sum) {
    }

    /**
     * Reconciles once; when rows differ and {@code settle} is positive, rechecks those rows while the bridge catches
     * up ({@code caughtUp}), so that a change still in flight is not reported as a mismatch.
     */
    public ReconcileReport reconcile(Duration settle, BooleanSupplier caughtUp) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        CompletableFuture<Map<Long, Chunk>> legacyChunks = CompletableFuture.supplyAsync(
                () -> chunks(legacy, legacySql.chunks()));
        Map<Long, Chunk> serviceChunks = chunks(service, serviceSql.chunks());
        Map<Long, Chunk> legacyByBucket = join(legacyChunks);
        Set<Long> buckets = new TreeSet<>(legacyByBucket.keySet());
        buckets.addAll(serviceChunks.keySet());
        List<Long> differingBuckets = new ArrayList<>();
        long legacyRows = 0;
        long serviceRows = 0;
        for (long b : buckets) {
            Chunk l = legacyByBucket.get(b);
            Chunk s = serviceChunks.get(b);
            legacyRows += l == null ? 0 : l.rows();
            serviceRows += s == null ? 0 : s.rows();
            if (l == null || !l.equals(s)) {
                differingBuckets.add(b);
            }
        }
        Diff diff = new Diff();
        for (long b : differingBuckets) {
            diff.add(rowDigests(legacy, legacySql.rowsOfBucket(), b),
                    rowDigests(service, serviceSql.rowsOfBucket(), b));
        }
        Instant deadline = Instant.now().plus(settle);
        while (!diff.isEmpty() && Instant.now().isBefore(deadline)) {
            waitUntil(caughtUp, deadline);
            Diff again = new Diff();
            Set<Long> ids = diff.all();
            again.add(rowDigests(legacy, legacySql.rowsById(), ids),
                    rowDigests(service, serviceSql.rowsById(), ids));
            if (again.all().equals(ids)) {
                diff = again;
                break; // the same rows still differ with the bridge caught up: a real mismatch
            }
            diff = again;
        }
        return new ReconcileReport(started, (System.nanoTime() - t0) / 1_000_000, legacyRows, serviceRows,
                buckets.size(), differingBuckets.size(), diff.missing.size(), diff.extra.size(),
                diff.differing.size(), cap(diff.missing), cap(diff.extra), cap(diff.differing));
    }

    private static void waitUntil(BooleanSupplier caughtUp, Instant deadline) {
        // production code polling a condition it cannot be notified of: the appliers' state
        Instant quiet = Instant.now().plusMillis(500);
        while (Instant.now().isBefore(deadline) && (!caughtUp.getAsBoolean() || Instant.now().isBefore(quiet))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<Long> cap(Set<Long> ids) {
        return ids.stream().sorted().limit(MAX_IDS).toList();
    }

    private final class Diff {
        final Set<Long> missing = new TreeSet<>();
        final Set<Long> extra = new TreeSet<>();
        final Set<Long> differing = new TreeSet<>();

        void add(Map<Long, String> legacyRows, Map<Long, String> serviceRows) {
            for (Map.Entry<Long, String> e : legacyRows.entrySet()) {
                String s = serviceRows.get(e.getKey());
                if (s == null) {
                    missing.add(e.getKey());
                } else if (!s.equals(e.getValue())) {
                    differing.add(e.getKey());
                }
            }
            for (Long id : serviceRows.keySet()) {
                if (!legacyRows.containsKey(id)) {
                    extra.add(id);
                }
            }
        }

        boolean isEmpty() {
            return missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
        }

        Set<Long> all() {
            Set<Long> all = new TreeSet<>(missing);
            all.addAll(extra);
            all.addAll(differing);
            return all;
        }
    }

    private Map<Long, Chunk> chunks(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, chunkSize);
            Map<Long, Chunk> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Chunk(rs.getLong(2), String.valueOf(rs.getBigDecimal(3))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ReconcileFailed("a database could not be read: " + e.getSQLState() + " " + e.getMessage(), e);
        }
    }

    private Map<Long, String> rowDigests(DataSource ds, String sql, Object bucketOrIds) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (bucketOrIds instanceof Collection<?> ids) {
                s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            } else {
                s.setLong(1, chunkSize);
                s.setLong(2, (Long) bucketOrIds);
            }
            Map<Long, String> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ReconcileFailed("a database could not be read: " + e.getSQLState() + " " + e.getMessage(), e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ReconcileFailed f) {
                throw f;
            }
            throw e;
        }
    }

    /** A database could not be read; nothing can be said about consistency. */
    public static final class ReconcileFailed extends RuntimeException {
        ReconcileFailed(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
