package dev.strangler.cdc.capture.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a replication slot that PostgreSQL has invalidated ({@code wal_status = 'lost'}: the WAL it needed went past
 * {@code max_slot_wal_keep_size} while the bridge was stopped). Debezium cannot stream from such a slot and only waits
 * for it to become valid, which it never does. Dropping it together with the capture's stored offsets lets the next
 * start create a fresh slot and, with {@code snapshot.mode=when_needed} and no offsets, read the whole table again:
 * what changed while the slot was lost arrives as snapshot rows, which the appliers apply where newer.
 */
public final class LostSlots {

    private static final Logger log = LoggerFactory.getLogger(LostSlots.class);

    private final String capture;
    private final String slot;
    private final DataSource database;
    private final Path offsetFile;
    private final Runnable replaced;

    /**
     * @param database the captured database (the bridge's pool for it)
     * @param offsetFile the capture's Debezium offsets, as {@link DebeziumConfig} was given them
     * @param replaced run after a lost slot and its offsets were dropped (the capture's status starts its snapshot over)
     */
    public LostSlots(String capture, String slot, DataSource database, Path offsetFile, Runnable replaced) {
        this.capture = capture;
        this.slot = slot;
        this.database = database;
        this.offsetFile = offsetFile;
        this.replaced = replaced;
    }

    /**
     * Replaces the slot when lost, and then tells {@code replaced}. A database that cannot be reached is left to
     * Debezium's own retries: nothing is dropped then.
     */
    public void replaceIfLost() {
        try (Connection c = database.getConnection()) {
            if (!lost(c)) {
                return;
            }
            log.warn("Capture {}: PostgreSQL invalidated replication slot {} (its WAL went past"
                    + " max_slot_wal_keep_size while nothing read it); dropping it and the capture's offsets, the"
                    + " capture reads the table again", capture, slot);
            try (PreparedStatement drop = c.prepareStatement(
                    "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?")) {
                drop.setString(1, slot);
                drop.execute();
            }
            Files.deleteIfExists(offsetFile);
            replaced.run();
        } catch (SQLException e) {
            log.debug("Capture {}: slot {} not checked ({})", capture, slot, e.getSQLState());
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the offsets of capture " + capture + ": " + e.getMessage(),
                    e);
        }
    }

    private boolean lost(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select wal_status from pg_replication_slots where slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && "lost".equals(rs.getString(1));
            }
        }
    }
}
