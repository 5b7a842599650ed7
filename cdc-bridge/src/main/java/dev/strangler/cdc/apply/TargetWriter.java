package dev.strangler.cdc.apply;

import dev.strangler.cdc.avro.PaymentChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The SQL for one target database's payments table; called inside the applier's transaction. */
public interface TargetWriter {

    /** Runs first in every transaction (the monolith's side marks it as the bridge's own). */
    void begin(Connection connection) throws SQLException;

    /** The target rows' {@code updated_at}, by payment id, locked for the transaction. */
    Map<Long, Instant> lockRows(Connection connection, Collection<Long> ids) throws SQLException;

    /**
     * Upserts or deletes, one final change per payment (the applier collapses a batch first); {@code folded} says
     * how many applied changes each payment's final change stands for (a version that counts changes needs it).
     */
    void write(Connection connection, Collection<PaymentChange> changes, Map<Long, Integer> folded)
            throws SQLException;

    /** Removes the rows a {@code truncate} at the source removed: the given payments. */
    void truncate(Connection connection, Collection<Long> ids) throws SQLException;
}
