package dev.strangler.extraction;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** How one side stores a field. */
public sealed interface Mapping {

    /**
     * One or more columns, converted to the field's form. A side reads the field from them when it is captured and
     * writes them from the field when changes are applied to it.
     *
     * @param insertOnly written when the row is created, never changed afterwards (a creation time; a card column
     *                   whose number must stay until the monolith's copy is masked)
     */
    record Columns(List<String> names, Conversion conversion, @Nullable Transform transform, boolean insertOnly)
            implements Mapping {

        public Columns {
            names = List.copyOf(names);
        }

        public String first() {
            return names.getFirst();
        }
    }

    /** A {@link FieldType#CARD} on a side that keeps the vault's answer in three columns. */
    record CardColumns(String token, String last4, String brand) implements Mapping {
    }

    /** Not stored on this side: read from the change itself, never written. */
    record Computed(Kind kind) implements Mapping {

        public enum Kind {
            /** The row's own key (a service's {@code legacy_id} for rows the monolith created). */
            KEY,
            /** When the change committed at the source (a side that keeps no update time). */
            SOURCE_TIME
        }
    }

    /** Not stored on this side, and always this value when read. */
    record Constant(Object value) implements Mapping {
    }

    /** What happens to a column's value before it leaves its database. */
    enum Transform {
        /** Swapped for the vault's token (a {@link FieldType#CARD}); written back masked. */
        TOKENIZE,
        /** Everything but the last four characters hidden. */
        MASK,
        /** Never read, never written: documented as deliberately not carried. */
        DROP
    }
}
