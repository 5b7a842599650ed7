package dev.strangler.proxy.canary;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who a caller is, for the canary split: the {@code X-Customer-Id} header when the caller sends one, else the
 * {@code strangler_id} cookie the proxy hands out on a caller's first request.
 *
 * @param value the key
 * @param issued true when the proxy made it up just now and must set the cookie in the response
 */
public record CallerKey(String value, boolean issued) {

    public static final String HEADER = "X-Customer-Id";
    public static final String COOKIE = "strangler_id";

    /** The caller key from a request's header and Cookie header values. */
    public static CallerKey of(@Nullable String customerIdHeader, @Nullable String cookieHeader) {
        if (customerIdHeader != null && !customerIdHeader.isBlank()) {
            return new CallerKey("customer:" + customerIdHeader.trim(), false);
        }
        String cookie = cookie(cookieHeader);
        if (cookie != null) {
            return new CallerKey("cookie:" + cookie, false);
        }
        return new CallerKey("cookie:" + UUID.randomUUID(), true);
    }

    /** The Set-Cookie value for a key this proxy issued. */
    public String setCookie() {
        return COOKIE + "=" + value.substring("cookie:".length()) + "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax";
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
                return v.matches("[0-9a-fA-F-]{1,64}") ? v : null;
            }
        }
        return null;
    }
}
