package dev.strangler.playbook.traffic;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How much traffic to send where.
 *
 * @param target       the shop's base URL, normally the proxy ({@code http://127.0.0.1:8080})
 * @param rps          requests per second, sent on schedule whatever the answers take (open loop)
 * @param duration     how long; null runs until {@link TrafficRun#stop()}
 * @param timeout      how long one request may take before it counts as a timeout
 * @param seed         seeds the choice of requests, products, customers and cards
 * @param declineShare share of card payments made with a declining test card (answered 402, expected)
 * @param maxInFlight  requests allowed in flight at once; a request due beyond that is not sent and counts as a
 *                     failure ({@link FailureKind#NOT_SENT}), so a saturated target cannot hide
 */
public record TrafficSettings(URI target, double rps, @Nullable Duration duration, Duration timeout, long seed,
        double declineShare, int maxInFlight) {

    public TrafficSettings {
        if (!(rps > 0 && rps <= 10_000)) {
            throw new IllegalArgumentException("--rps must be more than 0 and at most 10000, got " + rps);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + timeout);
        }
        if (declineShare < 0 || declineShare > 0.5) {
            throw new IllegalArgumentException("the share of declining cards must be between 0 and 0.5, got " + declineShare);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (target.getScheme() == null || !target.getScheme().startsWith("http") || target.getHost() == null) {
            throw new IllegalArgumentException("--target must be an http(s) URL such as http://127.0.0.1:8080, got " + target);
        }
    }

    /** {@code rps} for {@code duration} (null: until stopped), 10 s timeout, 5 % declines, a fixed seed. */
    public static TrafficSettings of(URI target, double rps, @Nullable Duration duration) {
        Duration timeout = Duration.ofSeconds(10);
        return new TrafficSettings(target, rps, duration, timeout, 42, 0.05, defaultMaxInFlight(rps, timeout));
    }

    /** Enough for every request of one timeout period at the given rate, at least 64. */
    public static int defaultMaxInFlight(double rps, Duration timeout) {
        return (int) Math.max(64, Math.min(20_000, Math.ceil(rps * timeout.toMillis() / 1000.0)));
    }

    public TrafficSettings withTimeout(Duration newTimeout) {
        return new TrafficSettings(target, rps, duration, newTimeout, seed, declineShare,
                Math.max(maxInFlight, defaultMaxInFlight(rps, newTimeout)));
    }

    public TrafficSettings withSeed(long newSeed) {
        return new TrafficSettings(target, rps, duration, timeout, newSeed, declineShare, maxInFlight);
    }

    public TrafficSettings withDeclineShare(double share) {
        return new TrafficSettings(target, rps, duration, timeout, seed, share, maxInFlight);
    }

    public TrafficSettings withMaxInFlight(int max) {
        return new TrafficSettings(target, rps, duration, timeout, seed, declineShare, max);
    }
}
