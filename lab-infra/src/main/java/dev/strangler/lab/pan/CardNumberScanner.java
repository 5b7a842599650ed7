package dev.strangler.lab.pan;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds card numbers (PANs) in text: runs of 13 to 19 digits starting with 3, 4, 5 or 6 (American Express, Visa,
 * Mastercard, Discover and the like) that pass the Luhn check, and the same numbers written in groups
 * ({@code 4242 4242 4242 4242}, {@code 4242-4242-4242-4242}, Amex {@code 3782 822463 10005}). A run is maximal: digits
 * right before or after it belong to it, so a 20-digit number is not a card number with a digit attached.
 *
 * <p>A run inside a hexadecimal identifier of a standard length (16, 32, 40 or 64 hex characters with at least one
 * letter: W3C trace and span ids, MD5, SHA-1, SHA-256) is part of that identifier, not a card number, and so is
 * anything inside a W3C {@code traceparent} ({@code 00-<32 hex>-<16 hex>-01}), whose random span id is all digits
 * about once in two thousand: in the lab's CDC topic, one {@code traceparent} header in a few thousand held a
 * Luhn-valid run; so is a span id right after its trace id, as log lines carry them; so is anything inside a UUID
 * ({@code 8-4-4-4-12} hex, a correlation id): {@code 2c9f6126-2233-4137-8374-cf96ba261f0a} holds
 * {@code 6126-2233-4137-8374}, four groups of four digits that pass the Luhn check, and a playbook run logs
 * thousands of correlation ids. Only those shapes are excused, so that a card number followed by a stray letter
 * (the next field's length byte in Avro, say) is still found.
 *
 * <p>A match keeps the last four digits and a fingerprint (a keyed hash under a key that lives only in this process,
 * to count distinct cards), never the number itself.
 */
public final class CardNumberScanner {

    private static final Pattern CONTIGUOUS = Pattern.compile("(?<![0-9])[3-6][0-9]{12,18}(?![0-9])");
    private static final Pattern GROUPED = Pattern.compile(
            "(?<![0-9])[3-6][0-9]{3}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?![0-9])"
                    + "|(?<![0-9])3[47][0-9]{2}([ -])[0-9]{6}\\2[0-9]{5}(?![0-9])");
    private static final Pattern TRACEPARENT = Pattern.compile(
            "(?<![0-9a-f])[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(?![0-9a-f])");
    private static final Pattern UUID = Pattern.compile("(?<![0-9a-fA-F-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
            + "-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F-])");
    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private CardNumberScanner() {
    }

    /**
     * One card number in the text.
     *
     * @param start       index of its first character
     * @param end         index after its last character
     * @param last4       its last four digits
     * @param fingerprint equal for equal numbers within this process, meaningless outside it
     */
    public record Match(int start, int end, String last4, long fingerprint) {

        public String masked() {
            return mask(last4);
        }
    }

    /** Every card number in {@code text}, in order. */
    public static List<Match> find(CharSequence text) {
        List<Match> matches = new ArrayList<>(0);
        if (text.length() < 13) {
            return matches;
        }
        collect(CONTIGUOUS.matcher(text), matches, text);
        collect(GROUPED.matcher(text), matches, text);
        if (matches.size() > 1) {
            matches.sort((a, b) -> Integer.compare(a.start(), b.start()));
        }
        return matches;
    }

    /** Whether {@code text} holds at least one card number. */
    public static boolean containsCardNumber(CharSequence text) {
        return !find(text).isEmpty();
    }

    /** The Luhn check over the digits of {@code number} (other characters are skipped). */
    public static boolean luhn(CharSequence number) {
        int sum = 0;
        int digits = 0;
        boolean doubleIt = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            digits++;
            doubleIt = !doubleIt;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /** {@code text} with every card number in it replaced by its masked form. */
    public static String redact(String text) {
        List<Match> matches = find(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Match m : matches) {
            if (m.start() < at) {
                continue; // overlaps the previous match
            }
            out.append(text, at, m.start()).append(m.masked());
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** {@code ****4242}: how a report shows a card number. */
    public static String mask(String last4) {
        return "****" + last4;
    }

    private static void collect(Matcher m, List<Match> into, CharSequence text) {
        List<int[]> excused = null; // spans of traceparents and UUIDs, found once a candidate needs them
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9]", "");
            if (!luhn(digits) || insideHexIdentifier(text, m.start(), m.end()) || isSpanIdAfterTraceId(text, m.start(), m.end())) {
                continue;
            }
            if (excused == null) {
                excused = new ArrayList<>(0);
                for (Pattern identifier : new Pattern[] {TRACEPARENT, UUID}) {
                    Matcher t = identifier.matcher(text);
                    while (t.find()) {
                        excused.add(new int[] {t.start(), t.end()});
                    }
                }
            }
            if (!startsInside(excused, m.start())) {
                into.add(new Match(m.start(), m.end(), digits.substring(digits.length() - 4), fingerprint(digits)));
            }
        }
    }

    private static boolean startsInside(List<int[]> spans, int start) {
        for (int[] span : spans) {
            if (start >= span[0] && start < span[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideHexIdentifier(CharSequence text, int start, int end) {
        int from = start;
        while (from > 0 && isHex(text.charAt(from - 1))) {
            from--;
        }
        int to = end;
        while (to < text.length() && isHex(text.charAt(to))) {
            to++;
        }
        int length = to - from;
        if (length == end - start || (length != 16 && length != 32 && length != 40 && length != 64)) {
            return false;
        }
        return true; // longer than the run, so it holds a letter
    }

    /**
     * A span id written right after its trace id ({@code <32 hex>,<16 hex>} in a log line's correlation,
     * {@code <32 hex>-<16 hex>} in B3): 16 random hex digits are all decimal about once in two thousand, and then
     * nothing else tells them from a card number.
     */
    private static boolean isSpanIdAfterTraceId(CharSequence text, int start, int end) {
        if (end - start != 16 || start < 33 || ",- :".indexOf(text.charAt(start - 1)) < 0) {
            return false;
        }
        for (int i = start - 33; i < start - 1; i++) {
            if (!isHex(text.charAt(i))) {
                return false;
            }
        }
        return start == 33 || !isHex(text.charAt(start - 34));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static long fingerprint(String digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] h = mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
