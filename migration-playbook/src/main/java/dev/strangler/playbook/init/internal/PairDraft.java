package dev.strangler.playbook.init.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The guesses for one table pair, as they will be written.
 *
 * @param name   the pair's name (the topics')
 * @param route  the route that owns the rows (one route drafted per pair)
 * @param path   the route's path
 */
record PairDraft(Value name, Value route, String path, Side legacy, Side extracted, List<Field> fields) {

    /** One side's table. {@code idsFrom} null: not written. */
    record Side(Value table, Value key, Value capture, @Nullable Value idsFrom) {
    }

    /**
     * One field.
     *
     * @param reconciled the record field reconciliation compares, or null when the field is not stored on both sides
     */
    record Field(Value name, Value type, boolean key, Value legacy, Value extracted, @Nullable String reconciled) {

        Field withName(Value name) {
            return new Field(name, type, key, legacy, extracted, null);
        }
    }
}
