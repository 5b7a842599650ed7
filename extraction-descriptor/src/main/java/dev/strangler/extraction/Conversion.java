package dev.strangler.extraction;

import java.util.Map;

/**
 * How a side's column values become the field's value and back. Each is exact or refuses: a value that cannot be
 * converted without loss is an untranslatable change (a dead letter), never rounded.
 */
public sealed interface Conversion {

    /** The column holds the field's value as is. */
    record Identity() implements Conversion {
    }

    /** A decimal column; the field holds it times 10^scale as a whole number (money in minor units). */
    record MinorUnits(int scale) implements Conversion {
    }

    /**
     * The column holds short codes, the field their names ({@code AUTH} -> {@code AUTHORIZED}). A name without a code
     * is a row this side does not have (a state the monolith never stored): it is not written here, nor expected by
     * reconciliation.
     */
    record Codes(Map<String, String> codeToName) implements Conversion {

        public Codes {
            codeToName = Map.copyOf(codeToName);
        }
    }

    /** The field holds the column trimmed and in lower case (e-mail addresses); written back as is. */
    record LowerCase() implements Conversion {
    }

    /** A timestamp column without a time zone, holding UTC; the field an instant. */
    record Utc() implements Conversion {
    }

    /**
     * Two text columns; the field joins them with a space (empty parts left out) and is split back at its last (or
     * first) space: a full name kept as given and family names.
     */
    record Split(boolean atLast) implements Conversion {
    }
}
