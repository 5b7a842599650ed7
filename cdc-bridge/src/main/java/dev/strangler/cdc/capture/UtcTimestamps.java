package dev.strangler.cdc.capture;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the UTC timestamps Debezium writes for PostgreSQL {@code timestamptz} columns
 * ({@code io.debezium.time.ZonedTimestamp}: {@code 2026-12-05T08:42:28.123456Z}, 0 to 9 fraction digits).
 *
 * <p>Why not {@link Instant#parse} alone: it goes through {@code DateTimeFormatter}'s general parser, and with two
 * timestamps per change it was 14% of the capture thread's time in the throughput benchmark's JFR. This reads the
 * fixed layout digit by digit and hands anything else (another offset, a year beyond 9999, a malformed value) to
 * {@link Instant#parse}, so that the result, or the exception, is always the one it would give.
 */
final class UtcTimestamps {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000};

    private UtcTimestamps() {
    }

    static Instant parse(String text) {
        int length = text.length();
        // yyyy-MM-ddTHH:mm:ssZ, or with '.' and 1 to 9 digits before the Z
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || month < 1 || month > 12 || day < 1
                || hour > 23 || minute > 59 || second > 59
                || day > Month.of(month).length(Year.isLeap(year))) {
            return Instant.parse(text);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        int nanos = length > 20 ? fraction * POWERS_OF_TEN[9 - (length - 21)] : 0;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code count} ASCII digits from {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
