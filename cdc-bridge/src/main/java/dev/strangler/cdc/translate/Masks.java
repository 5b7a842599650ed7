package dev.strangler.cdc.translate;

import org.jspecify.annotations.Nullable;

/** What a masked card column holds: the last four characters behind a fixed mask, never a card number. */
public final class Masks {

    /** The mask before the last four digits. */
    public static final String MASK = "************";

    private Masks() {
    }

    /** The last four characters of a value (all of it when shorter), or null. */
    public static @Nullable String last4(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= 4 ? value : value.substring(value.length() - 4);
    }

    /** {@link #MASK} and the last four characters; null stays null. */
    public static @Nullable String mask(@Nullable Object value) {
        return value == null ? null : MASK + last4(value.toString());
    }
}
