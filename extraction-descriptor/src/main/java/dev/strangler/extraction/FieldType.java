package dev.strangler.extraction;

/** The type of a field in the change record (its Avro type). */
public enum FieldType {
    STRING, LONG, INT, BOOLEAN, DOUBLE,
    /** An instant, microseconds in Avro ({@code timestamp-micros}). */
    TIMESTAMP,
    /** A calendar date ({@code date}: days since the epoch). */
    DATE,
    /**
     * A card number, which never travels: captured through the vault, it becomes three string fields (token, last
     * four digits, brand); written back, a mask with the last four digits.
     */
    CARD;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
