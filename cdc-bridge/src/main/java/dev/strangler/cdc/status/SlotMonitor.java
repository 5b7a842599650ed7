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
 * invalidates the slot and a resnapshot is needed) and how far the capture's confirmed position is behind.
 */
public final class SlotMonitor {

    /** One reading; {@code exists} is false before the capture created the slot. */
    public record Reading(boolean exists, boolean active, long retainedWalBytes, long unconfirmedBytes) {
    }

    private final String slot;
    private final DataSource database;
    private final AtomicLong retained = new AtomicLong();
    private volatile Reading last = new Reading(false, false, 0, 0);

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
                       pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)
                from pg_replication_slots where slot_name = ?""")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                last = rs.next() ? new Reading(true, rs.getBoolean(1), rs.getLong(2), rs.getLong(3))
                        : new Reading(false, false, 0, 0);
            }
        } catch (SQLException e) {
            // keep the last reading; the database's own health indicator reports the outage
        }
        retained.set(last.retainedWalBytes());
        return last;
    }
}
