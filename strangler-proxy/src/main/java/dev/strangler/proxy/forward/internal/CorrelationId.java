package dev.strangler.proxy.forward.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** W3C trace context and correlation ids, created at the edge when a caller sends none. */
final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private TraceContext() {
    }

    /** The traceparent to send upstream: the caller's trace continued with a span of ours, or a new trace. */
    static String continueOrStart(@Nullable String incoming) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String span = hex(random.nextLong(), 16);
        if (incoming != null) {
            var m = TRACEPARENT.matcher(incoming.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return "00-" + m.group(1) + "-" + span + "-" + m.group(2);
            }
        }
        return "00-" + hex(random.nextLong(), 16) + hex(random.nextLong(), 16) + "-" + span + "-01";
    }

    /** The caller's correlation id when it is a sane token, else a new one (a header is caller input: bound it). */
    static String correlationId(@Nullable String incoming) {
        if (incoming != null && CORRELATION.matcher(incoming).matches()) {
            return incoming;
        }
        // not UUID.randomUUID(): its SecureRandom is shared by every event loop; a correlation id need not be secret
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & ~(3L << 62)) | (2L << 62)).toString();
    }

    private static String hex(long value, int digits) {
        String s = Long.toHexString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }
}
