package dev.strangler.playbook.lab;

/** SQL identifiers the descriptors name (tables, columns), quoted for statements the playbook writes itself. */
public final class SqlNames {

    private SqlNames() {
    }

    /** {@code payments} gives {@code "payments"}; a quote inside is doubled, so a name cannot end the identifier. */
    public static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
