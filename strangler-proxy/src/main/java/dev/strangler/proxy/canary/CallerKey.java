package dev.strangler.proxy.canary;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Who a caller is, for the canary split: the caller header ({@code proxy.caller-header}, the shop's user id) when
 * the caller sends one, else the {@code strangler_id} cookie the proxy hands out on a caller's first request.
 *
 * @param value the key
 * @param issued true when the proxy made it up just now and must set the cookie in the response
 */
public record CallerKey(String value, boolean issued) {

    public static final String COOKIE = "strangler_id";
    /** The prefix of a key taken from the caller header. */
    public static final String HEADER_KEY = "caller:";

    /** The caller key from a request's header and Cookie header values. */
    public static CallerKey of(@Nullable String callerHeader, @Nullable String cookieHeader) {
        if (callerHeader != null && !callerHeader.isBlank()) {
            return new CallerKey(HEADER_KEY + callerHeader.trim(), false);
        }
        String cookie = cookie(cookieHeader);
        if (cookie != null) {
            return new CallerKey("cookie:" + cookie, false);
        }
        // not UUID.randomUUID(): its SecureRandom is shared by every event loop, and a bucket key is no secret (a
        // caller may as well choose its side with the caller header); same shape, a random version-4 UUID
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & ~(3L << 62)) | (2L << 62));
        return new CallerKey("cookie:" + id, true);
    }

    /** Where the key came from, for traces: {@code caller-header}, {@code cookie}, or {@code new-cookie}. */
    public String source() {
        return issued ? "new-cookie" : value.startsWith(HEADER_KEY) ? "caller-header" : "cookie";
    }

    /** The Set-Cookie value for a key this proxy issued. */
    public String setCookie() {
        return COOKIE + "=" + value.substring("cookie:".length()) + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax";
    }

    /** {@code [0-9a-fA-F-]{1,64}}, without a regex on every request. */
    private static boolean issuedShape(String v) {
        if (v.isEmpty() || v.length() > 64) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String cookie(@Nullable String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1);
                // only the shape we issue: a cookie is caller input, and it ends up in metrics cardinality nowhere
                return issuedShape(v) ? v : null;
            }
        }
        return null;
    }
}
