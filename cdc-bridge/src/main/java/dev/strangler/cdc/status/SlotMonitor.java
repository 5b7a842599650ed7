package dev.strangler.cdc.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A replication slot's health, read from {@code pg_replication_slots}: how much WAL it keeps the server from
 * recycling (it grows while the capture is stopped or slow; past {@code max_slot_wal_keep_size} PostgreSQL
 * invalidates the slot and a resnapshot is needed), how far the capture's confirmed position is behind, and for how
 * long that position has stood still while WAL waited: a lag measured at the source, which grows while the capture
 * cannot hand its changes to Kafka, when the appliers receive nothing and their own lag says 0. A streaming capture
 * confirms every few seconds even when its table is quiet (see {@code DebeziumConfig}'s {@code lsn.flush.mode}).
 */
public final class SlotMonitor {

    /**
     * One reading; {@code exists} is false before the capture created the slot.
     *
     * @param confirmedLsn the slot's {@code confirmed_flush_lsn}, as a number
     * @param stalledSinceMs since when (epoch ms) WAL has waited unconfirmed while {@code confirmedLsn} stood still,
     *                       as far as the readings saw; 0 when no WAL waits
     */
    public record Reading(boolean exists, boolean active, long retainedWalBytes, long unconfirmedBytes,
                          long confirmedLsn, long stalledSinceMs) {

        static final Reading NONE = new Reading(false, false, 0, 0, 0, 0);

        /** How long WAL has waited with the confirmed position standing still; 0 when none waits. */
        public long stalledMs() {
            return stalledSinceMs == 0 ? 0 : Math.max(0, System.currentTimeMillis() - stalledSinceMs);
        }

        /** The next reading: the stall goes on only while WAL waits and the confirmed position has not moved. */
        Reading next(boolean active, long retained, long unconfirmed, long confirmed, long nowMs) {
            boolean stillStalled = exists && stalledSinceMs != 0 && confirmed == confirmedLsn;
            long since = unconfirmed <= 0 ? 0 : stillStalled ? stalledSinceMs : nowMs;
            return new Reading(true, active, retained, unconfirmed, confirmed, since);
        }
    }

    private final String slot;
    private final DataSource database;
    private final AtomicLong retained = new AtomicLong();
    private volatile Reading last = Reading.NONE;

    public SlotMonitor(String slot, DataSource database, MeterRegistry meters) {
        this.slot = slot;
        this.database = database;
        Gauge.builder("strangler.cdc.slot.retained.wal", retained, AtomicLong::get).tag("slot", slot)
                .baseUnit("bytes").description("WAL the replication slot keeps from being recycled").register(meters);
    }

    public String slot() {
        return slot;
    }

    public Reading last() {
        return last;
    }

    /** Reads the slot now; a database that cannot be reached leaves the last reading. */
    public Reading read() {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement("""
                select active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn),
                       pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn),
                       pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')
                from pg_replication_slots where slot_name = ?""")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                last = rs.next() ? last.next(rs.getBoolean(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        System.currentTimeMillis()) : Reading.NONE;
            }
        } catch (SQLException e) {
            // keep the last reading; the database's own health indicator reports the outage
        }
        retained.set(last.retainedWalBytes());
        return last;
    }
}
