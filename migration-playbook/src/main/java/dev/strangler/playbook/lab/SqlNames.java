package dev.strangler.playbook.lab;

import dev.strangler.extraction.TablePair;

/** SQL identifiers the descriptors name (tables, columns), quoted for statements the playbook writes itself. */
public final class SqlNames {

    private SqlNames() {
    }

    /** {@code payments} gives {@code "payments"}; a quote inside is doubled, so a name cannot end the identifier. */
    public static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * The largest key of the monolith's own rows of {@code pair}, as text (null when there is none): below the ids
     * the service gives the rows it creates ({@code ids-from}), so a row the service made does not count.
     */
    public static String largestLegacyKey(TablePair pair) {
        String key = quoted(pair.legacy().key());
        Long idsFrom = pair.extracted().idsFrom();
        return "select max(" + key + ")::text from " + quoted(pair.legacy().table())
                + (idsFrom == null ? "" : " where " + key + " < " + idsFrom);
    }
}
