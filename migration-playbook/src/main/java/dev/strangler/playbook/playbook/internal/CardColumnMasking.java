package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.lab.SqlNames;
import dev.strangler.playbook.playbook.StepContext;
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
import java.util.Map;

/**
 * Masks the old card numbers of one of the monolith's columns (the shop's {@code payments.card_number}: a legacy column
 * the descriptor tokenizes) to their last four digits, then makes sure the old numbers are gone from the database
 * server's files too, not only from the table's live rows. The UPDATE leaves them where no query shows them:
 * in the table's dead row versions, in the planner's statistics ({@code pg_statistic}: the old column's most common
 * values) and that catalog's own dead row versions, and in the WAL segments that logged all of these. So, after it:
 *
 * <ol>
 *   <li>ANALYZE rebuilds the table's statistics from the masked values;</li>
 *   <li>it waits (bounded) until nothing can still read the old rows: every logical replication slot of the database
 *   has confirmed past the masking (the CDC bridge's slot holds WAL and old catalog rows until it has), and no
 *   transaction older than the masking runs. A slot that does not confirm in time is named;</li>
 *   <li>VACUUM FULL rewrites the table and {@code pg_statistic} without their dead row versions (the old files are
 *   truncated at once and unlinked at the next checkpoint);</li>
 *   <li>the WAL moves on: {@code pg_switch_wal()} and CHECKPOINT until no segment that logged the old numbers is left.
 *   A slot's restart point moves only once its consumer has confirmed past a checkpoint, so that usually takes two;
 *   and the server's cached minimum of those restart points is refreshed by hand when it lags them.
 *   Then the segments already waiting ahead of the WAL are written over: one that PostgreSQL recycled (renamed) before
 *   {@code wal_recycle} was off still holds older WAL.</li>
 * </ol>
 *
 * The lab's servers run with {@code wal_recycle=off}, so that a segment removed is unlinked, not renamed with its
 * content (lab-infra's {@code PostgresServer}). What none of this reaches: backups and WAL archives taken before, and
 * the free disk blocks of the unlinked files; the PCI scope report says so.
 */
final class CardColumnMasking {

    /** A card column holds a whole card number: 12 to 19 digits and nothing else (a masked one has stars). */
    private static final String CARD_NUMBER = " ~ '^[0-9]{12,19}$'";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String SEGMENTS = "select name from pg_ls_waldir() where name ~ '^[0-9A-F]{24}$' order by name";
    private static final String CURRENT_SEGMENT = "select pg_walfile_name(pg_current_wal_lsn())";

    private CardColumnMasking() {
    }

    /**
     * What the masking did, to one column or, {@linkplain #and added up}, to several.
     *
     * @param columns           the columns masked, {@code table.column}
     * @param tables            their tables, each rewritten
     * @param masked            card numbers masked now
     * @param left              card numbers still in the column afterwards
     * @param maskedAt          the WAL position right after the masking and its ANALYZE
     * @param waitedFor         the replication slots and transactions it waited for, with how long
     * @param walSwitches       {@code pg_switch_wal()} calls that moved the WAL on
     * @param checkpoints       CHECKPOINTs run
     * @param walSegmentsBefore WAL segments in {@code pg_wal} before the WAL moved on
     * @param walSegmentsAfter  WAL segments in {@code pg_wal} at the end
     * @param lastSegment       the last segment that logged the old card numbers (gone at the end)
     * @param walRecycle        the server's {@code wal_recycle}: off, a segment removed is deleted
     * @param walKeepSize       the server's {@code wal_keep_size}: WAL kept past checkpoints whatever else needs it
     */
    record Result(List<String> columns, List<String> tables, int masked, long left, String maskedAt,
            List<String> waitedFor, int walSwitches, int checkpoints, int walSegmentsBefore, int walSegmentsAfter,
            String lastSegment, String walRecycle, String walKeepSize) {

        Result {
            columns = List.copyOf(columns);
            tables = List.copyOf(tables);
            waitedFor = List.copyOf(waitedFor);
        }

        /**
         * This masking and a {@code later} one on the same server: counts added up, the WAL as the later one left it
         * (it moved past the segments of both).
         */
        Result and(Result later) {
            return new Result(concat(columns, later.columns), concat(tables, later.tables), masked + later.masked,
                    left + later.left, later.maskedAt, concat(waitedFor, later.waitedFor),
                    walSwitches + later.walSwitches, checkpoints + later.checkpoints, walSegmentsBefore,
                    later.walSegmentsAfter, later.lastSegment, later.walRecycle, later.walKeepSize);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            b.stream().filter(x -> !all.contains(x)).forEach(all::add);
            return all;
        }

        Map<String, Object> evidence() {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("cardColumns", columns);
            evidence.put("cardNumbersMasked", masked);
            evidence.put("cardNumbersLeft", left);
            evidence.put("analyzed", true);
            List<String> rewritten = new ArrayList<>(tables);
            rewritten.add("pg_catalog.pg_statistic");
            evidence.put("rewritten", rewritten);
            evidence.put("maskedAtLsn", maskedAt);
            evidence.put("waitedFor", waitedFor);
            evidence.put("walSwitches", walSwitches);
            evidence.put("checkpoints", checkpoints);
            evidence.put("walSegmentsBefore", walSegmentsBefore);
            evidence.put("walSegmentsAfter", walSegmentsAfter);
            evidence.put("walSegmentsRemovedUpTo", lastSegment);
            evidence.put("walRecycle", walRecycle);
            evidence.put("walKeepSize", walKeepSize);
            return evidence;
        }
    }

    /** Something kept the old card numbers in the server's files past the wait; the message names it. */
    static final class Held extends Exception {

        Held(String message) {
            super(message);
        }
    }

    /**
     * Masks the card numbers of {@code column} of {@code table} in the database at {@code jdbcUrl} (as a superuser: it
     * checkpoints and rewrites a catalog), then clears them from the server's files, waiting at most {@code wait} for
     * what still reads them. Both names are taken as they are written, quoted: {@code Cards} is not
     * {@code cards}. Safe to run again: a second run masks nothing and clears again.
     */
    static Result mask(String jdbcUrl, String table, String column, Duration wait)
            throws SQLException, InterruptedException, Held {
        long deadline = System.nanoTime() + wait.toNanos();
        String t = SqlNames.quoted(table);
        String col = SqlNames.quoted(column);
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("set lock_timeout = '30s'"); // VACUUM FULL waits for the table: fail, rather than hang
            int masked = s.executeUpdate("update " + t + " set " + col + " = '************' || right(" + col + ", 4)"
                    + " where " + col + CARD_NUMBER);
            long left = Long.parseLong(text(s, "select count(*) from " + t + " where " + col + CARD_NUMBER));
            s.execute("analyze " + t);
            String maskedAt = text(s, "select pg_current_wal_lsn()::text");
            // a transaction id given out after the masking and the ANALYZE committed: whatever is older sees old rows
            String after = text(s, "select pg_current_xact_id()::text");
            List<String> waitedFor = awaitReaders(c, maskedAt, after, deadline, wait);
            s.execute("vacuum full " + t);
            s.execute("vacuum full pg_catalog.pg_statistic");

            String lastSegment = text(s, CURRENT_SEGMENT);
            int segmentsBefore = segments(s).size();
            int switches = 0;
            int checkpoints = 0;
            while (true) {
                if (text(s, CURRENT_SEGMENT).compareTo(lastSegment) <= 0) {
                    s.execute("select pg_switch_wal()");
                    switches++;
                }
                s.execute("checkpoint");
                checkpoints++;
                if (segments(s).getFirst().compareTo(lastSegment) > 0) {
                    break;
                }
                // a slot still needs them: its consumer confirms past the checkpoint's snapshot of running
                // transactions, then its restart point moves on and the next checkpoint removes them
                do {
                    if (System.nanoTime() > deadline) {
                        throw new Held(walHeldBack(c, lastSegment, wait));
                    }
                    StepContext.observe(POLL);
                } while (!slotsNeeding(c, lastSegment).isEmpty());
                recomputeSlotsMinimum(s);
            }
            // the segment being written and those waiting ahead of it may be files PostgreSQL recycled, with older
            // WAL in them (preallocated ones are zeros): switch past them all, so that each is written over
            String last = segments(s).getLast();
            while (text(s, CURRENT_SEGMENT).compareTo(last) <= 0) {
                s.execute("select pg_log_standby_snapshot()"); // a switch needs something written since the last one
                s.execute("select pg_switch_wal()");
                switches++;
            }
            return new Result(List.of(table + "." + column), List.of(table), masked, left, maskedAt, waitedFor,
                    switches, checkpoints, segmentsBefore, segments(s).size(), lastSegment, text(s, "show wal_recycle"),
                    text(s, "show wal_keep_size"));
        }
    }

    /**
     * Waits until no replication slot of this database is behind {@code maskedAt}, and no slot or transaction holds a
     * snapshot older than transaction {@code after}; returns what it waited for.
     */
    private static List<String> awaitReaders(Connection c, String maskedAt, String after, long deadline,
            Duration wait) throws SQLException, InterruptedException, Held {
        String sql = """
                select format('replication slot %s (%s, %s, confirmed up to %s)', slot_name,
                              coalesce(database, 'physical'), case when active then 'active' else 'inactive' end,
                              coalesce(confirmed_flush_lsn::text, 'nothing'))
                from pg_replication_slots
                where (database = current_database() and slot_type = 'logical'
                       and (confirmed_flush_lsn is null or confirmed_flush_lsn < ?::pg_lsn))
                   or age(catalog_xmin) > age(?::xid8::xid) or age(xmin) > age(?::xid8::xid)
                union all
                select format('transaction of pid %s (%s, %s since %s)', pid,
                              coalesce(nullif(application_name, ''), backend_type), state, xact_start)
                from pg_stat_activity
                where pid <> pg_backend_pid() and age(backend_xmin) > age(?::xid8::xid)""";
        long start = System.nanoTime();
        List<String> waitedFor = new ArrayList<>();
        try (PreparedStatement holders = c.prepareStatement(sql); Statement s = c.createStatement()) {
            holders.setString(1, maskedAt);
            holders.setString(2, after);
            holders.setString(3, after);
            holders.setString(4, after);
            while (true) {
                List<String> now = new ArrayList<>();
                try (ResultSet rs = holders.executeQuery()) {
                    while (rs.next()) {
                        now.add(rs.getString(1));
                    }
                }
                if (now.isEmpty()) {
                    long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    return waitedFor.stream().map(w -> w + ": " + waited + " ms").toList();
                }
                if (System.nanoTime() > deadline) {
                    throw new Held("the old card numbers stay in the database's files: after " + wait.toSeconds()
                            + " s, still reading from before the masking at " + maskedAt + ": " + String.join("; ", now));
                }
                now.stream().map(h -> h.replaceFirst(" \\(.*", "")).filter(h -> !waitedFor.contains(h))
                        .forEach(waitedFor::add);
                // a decoding client moves its slot's oldest catalog row on when it reads a snapshot of running
                // transactions: log one now rather than in up to 15 s
                s.execute("select pg_log_standby_snapshot()");
                StepContext.observe(POLL);
            }
        }
    }

    /**
     * Has the server recompute the oldest WAL position its replication slots need. A checkpoint keeps WAL from a
     * minimum the server caches, and PostgreSQL 18 does not always refresh it when a logical slot's consumer confirms
     * over the replication protocol (Debezium's way): then every slot has moved past the segments and checkpoints still
     * keep them, for as long as no slot is created or dropped. Dropping a slot recomputes the minimum, so this creates
     * a temporary slot that reserves no WAL and drops it. Without a free slot (max_replication_slots) it does nothing:
     * the wait then names the settings.
     */
    private static void recomputeSlotsMinimum(Statement s) throws SQLException {
        try {
            s.execute("select pg_drop_replication_slot(slot_name) from pg_create_physical_replication_slot("
                    + "format('strangler_masking_%s', pg_backend_pid()), false, true)");
        } catch (SQLException e) {
            if (!"53400".equals(e.getSQLState())) { // configuration_limit_exceeded: all slots taken
                throw e;
            }
        }
    }

    /** The replication slots that still need WAL from a segment up to {@code lastSegment}. */
    private static List<String> slotsNeeding(Connection c, String lastSegment) throws SQLException {
        List<String> slots = new ArrayList<>();
        try (PreparedStatement needing = c.prepareStatement("""
                select format('replication slot %s (%s, %s) still needs WAL from %s', slot_name,
                              coalesce(database, 'physical'), case when active then 'active' else 'inactive' end,
                              restart_lsn)
                from pg_replication_slots where pg_walfile_name(restart_lsn) <= ?""")) {
            needing.setString(1, lastSegment);
            try (ResultSet rs = needing.executeQuery()) {
                while (rs.next()) {
                    slots.add(rs.getString(1));
                }
            }
        }
        return slots;
    }

    /** Why the segments up to {@code lastSegment} are still there: the slots that need them, else the settings. */
    private static String walHeldBack(Connection c, String lastSegment, Duration wait) throws SQLException {
        List<String> reasons = new ArrayList<>(slotsNeeding(c, lastSegment));
        try (Statement s = c.createStatement()) {
            if (reasons.isEmpty()) {
                reasons.add("no replication slot needs them (" + text(s, "select coalesce(string_agg(slot_name"
                        + " || ' from ' || coalesce(restart_lsn::text, 'nothing'), ', '), 'no slots')"
                        + " from pg_replication_slots") + "), wal_keep_size " + text(s, "show wal_keep_size")
                        + ", archive_mode " + text(s, "show archive_mode"));
            }
            return "WAL segments that logged the old card numbers are still in pg_wal after " + wait.toSeconds()
                    + " s (oldest " + segments(s).getFirst() + ", the masking's last " + lastSegment + "): "
                    + String.join("; ", reasons);
        }
    }

    private static List<String> segments(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SEGMENTS)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
