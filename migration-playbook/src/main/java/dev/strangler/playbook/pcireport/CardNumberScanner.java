package dev.strangler.playbook.pcireport;

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
 * <p>A match keeps the last four digits and a fingerprint (a keyed hash under a key that lives only in this process,
 * to count distinct cards), never the number itself.
 */
public final class CardNumberScanner {

    private static final Pattern CONTIGUOUS = Pattern.compile("(?<![0-9])[3-6][0-9]{12,18}(?![0-9])");
    private static final Pattern GROUPED = Pattern.compile(
            "(?<![0-9])[3-6][0-9]{3}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?![0-9])"
                    + "|(?<![0-9])3[47][0-9]{2}([ -])[0-9]{6}\\2[0-9]{5}(?![0-9])");
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
        collect(CONTIGUOUS.matcher(text), matches);
        collect(GROUPED.matcher(text), matches);
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

    private static void collect(Matcher m, List<Match> into) {
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9]", "");
            if (luhn(digits)) {
                into.add(new Match(m.start(), m.end(), digits.substring(digits.length() - 4), fingerprint(digits)));
            }
        }
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
