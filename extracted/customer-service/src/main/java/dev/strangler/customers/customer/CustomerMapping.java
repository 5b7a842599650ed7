package dev.strangler.customers.customer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * How a customer of the monolith's shape ({@code name}, {@code email}, {@code created_at timestamptz}) maps onto this
 * service's table ({@code given_name}, {@code family_name}, a normalized {@code email}, UTC {@code timestamp}s) and
 * back. The CDC bridge's descriptor for customers applies the very same rules in SQL, so that a row copied either way
 * shows the same answer on both sides: change one, change the other.
 *
 * <ul>
 *   <li>name to parts: {@code given_name} is everything before the <em>last</em> space, {@code family_name} what
 *       follows it; a name without a space is all {@code given_name}, with {@code family_name = ''}.</li>
 *   <li>parts to name: {@code concat_ws(' ', nullif(given_name, ''), nullif(family_name, ''))}. A trimmed name
 *       survives the round trip exactly, inner spaces included.</li>
 *   <li>email: trimmed and lower-cased ({@link Locale#ROOT}).</li>
 *   <li>{@code createdAt}: {@link java.time.Instant#toString()} of the UTC timestamp, as the monolith prints its
 *       {@code timestamptz}: the same string for the same instant (microseconds, as PostgreSQL keeps them).</li>
 * </ul>
 */
public final class CustomerMapping {

    /** The longest {@code given_name} or {@code family_name} the table holds. */
    public static final int MAX_NAME_PART = 100;

    private CustomerMapping() {
    }

    /** A name cut in two, as stored. */
    public record NameParts(String given, String family) {

        /** Whether both parts fit their columns. */
        public boolean fits() {
            return given.length() <= MAX_NAME_PART && family.length() <= MAX_NAME_PART;
        }
    }

    /** Splits {@code name} at its last space; a name without a space is all given name. */
    public static NameParts split(String name) {
        int last = name.lastIndexOf(' ');
        return last < 0 ? new NameParts(name, "") : new NameParts(name.substring(0, last), name.substring(last + 1));
    }

    /** The name shown for stored parts: {@code concat_ws(' ', nullif(given, ''), nullif(family, ''))}. */
    public static String join(String given, String family) {
        if (given.isEmpty()) {
            return family;
        }
        return family.isEmpty() ? given : given + " " + family;
    }

    /** The email as stored and shown: trimmed, lower case. */
    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code createdAt} as shown for a UTC timestamp without a zone. */
    public static String shownTime(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toString();
    }
}
