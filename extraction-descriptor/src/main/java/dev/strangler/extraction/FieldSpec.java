package dev.strangler.extraction;

import java.util.List;

/**
 * One field of the change record and how each side stores it.
 *
 * @param key       the rows' key (exactly one field)
 * @param updatedAt the rows' last-change time, compared by the conflict policy
 * @param owner     which side writes the field
 */
public record FieldSpec(String name, FieldType type, boolean key, boolean updatedAt, Owner owner, Mapping legacy,
                        Mapping extracted) {

    /** Which side's changes of a field are applied to the other side. */
    public enum Owner {
        /** Whichever side owns the rows (the table pair's conflict policy). */
        ROUTE,
        /** The monolith keeps writing it: flows legacy -> extracted only, for ever. */
        LEGACY,
        /** Only the service writes it: flows extracted -> legacy only. */
        EXTRACTED
    }

    public Mapping side(TablePair.SideName side) {
        return side == TablePair.SideName.LEGACY ? legacy : extracted;
    }

    /**
     * The names this field takes in the change record: its own, or for a {@link FieldType#CARD} the three it expands
     * to ({@code <name>Token}, {@code <name>Last4}, {@code <name>Brand}).
     */
    public List<String> recordFields() {
        return type == FieldType.CARD ? List.of(name + "Token", name + "Last4", name + "Brand") : List.of(name);
    }
}
