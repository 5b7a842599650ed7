package dev.strangler.proxy.forward.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Correlation-Id} of a request, created at the edge when a caller sends none. The W3C trace context is
 * the tracer's business ({@link EdgeTracing}); the correlation id is ours, kept because operators grep logs for it.
 */
final class CorrelationId {

    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {
    }

    /** The caller's correlation id when it is a sane token, else a new one (a header is caller input: bound it). */
    static String of(@Nullable String incoming) {
        if (incoming != null && CORRELATION.matcher(incoming).matches()) {
            return incoming;
        }
        // not UUID.randomUUID(): its SecureRandom is shared by every event loop; a correlation id need not be secret
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & ~(3L << 62)) | (2L << 62)).toString();
    }
}
