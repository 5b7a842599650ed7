package dev.strangler.cdc.apply;

import dev.strangler.cdc.translate.Change;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The SQL for one target table; called inside the applier's transaction. */
public interface TargetWriter {

    /** Runs first in every transaction (a captured target marks it as the bridge's own). */
    void begin(Connection connection) throws SQLException;

    /**
     * Locks the target rows of these keys for the transaction; answers each existing row's last-change time (null
     * when the side keeps none).
     */
    Map<Long, @Nullable Instant> lockRows(Connection connection, Collection<Long> keys) throws SQLException;

    /**
     * Upserts or deletes, one final change per row (the applier collapses a batch first); {@code folded} says how
     * many applied changes each row's final change stands for (a version that counts changes needs it).
     */
    void write(Connection connection, Collection<Change> changes, Map<Long, Integer> folded) throws SQLException;

    /** Removes the rows a {@code truncate} at the source removed: the given keys. */
    void truncate(Connection connection, Collection<Long> keys) throws SQLException;
}
