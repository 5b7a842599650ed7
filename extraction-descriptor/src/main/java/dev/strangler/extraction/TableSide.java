package dev.strangler.extraction;

import org.jspecify.annotations.Nullable;

/**
 * One side's table of a {@link TablePair}.
 *
 * @param key      the primary key column (one column: the bridge's bookkeeping and reconciliation key rows by it)
 * @param idsFrom  rows created on this side get keys from here on; the other side's stay below (null: not said)
 * @param version  a column counting each row's applied changes, kept by the bridge on this side; null: none
 */
public record TableSide(String table, String key, Capture capture, @Nullable Long idsFrom, @Nullable String version) {

    /** How this side's changes are captured. */
    public sealed interface Capture {
    }

    /**
     * The table itself is captured; a trigger fills {@code column} from the setting {@code strangler.origin}, which
     * the bridge sets in its own transactions, so that the bridge's writes are not captured again.
     */
    public record OriginMarker(String column) implements Capture {
    }

    /**
     * An outbox table is captured: each row of {@code aggregateType} carries the change as a JSON document whose
     * properties are the record's fields by name; the bridge never writes the outbox, so no loop can start.
     */
    public record Outbox(String table, String aggregateType) implements Capture {
    }
}
