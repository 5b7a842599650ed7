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
 * @param rampUp       the rate grows linearly from a tenth of {@code rps} to {@code rps} over this time (zero: full
 *                     rate from the first request), as real traffic reaches a freshly started shop; every request
 *                     of the ramp counts
 */
public record TrafficSettings(URI target, double rps, @Nullable Duration duration, Duration timeout, long seed,
        double declineShare, int maxInFlight, Duration rampUp) {

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
        if (rampUp == null || rampUp.isNegative()) {
            throw new IllegalArgumentException("the ramp-up must be zero or positive, got " + rampUp);
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
        return new TrafficSettings(target, rps, duration, timeout, 42, 0.05, defaultMaxInFlight(rps, timeout), Duration.ZERO);
    }

    /** Enough for every request of one timeout period at the given rate, at least 64. */
    public static int defaultMaxInFlight(double rps, Duration timeout) {
        return (int) Math.max(64, Math.min(20_000, Math.ceil(rps * timeout.toMillis() / 1000.0)));
    }

    public TrafficSettings withTimeout(Duration newTimeout) {
        return new TrafficSettings(target, rps, duration, newTimeout, seed, declineShare,
                Math.max(maxInFlight, defaultMaxInFlight(rps, newTimeout)), rampUp);
    }

    public TrafficSettings withSeed(long newSeed) {
        return new TrafficSettings(target, rps, duration, timeout, newSeed, declineShare, maxInFlight, rampUp);
    }

    public TrafficSettings withDeclineShare(double share) {
        return new TrafficSettings(target, rps, duration, timeout, seed, share, maxInFlight, rampUp);
    }

    public TrafficSettings withRampUp(Duration ramp) {
        return new TrafficSettings(target, rps, duration, timeout, seed, declineShare, maxInFlight, ramp);
    }

    /**
     * When request {@code i} is due, in nanoseconds from the start: {@code i / rps}, or on the ramp, where the rate
     * grows linearly from {@code rps / 10} to {@code rps}.
     */
    public long dueOffsetNanos(long i) {
        double ramp = rampUp.toNanos() / 1e9;
        if (ramp <= 0) {
            return (long) (i * 1e9 / rps);
        }
        double r0 = rps / 10;
        double a = (rps - r0) / ramp;                 // rate growth per second
        double onRamp = r0 * ramp + a * ramp * ramp / 2; // requests sent during the ramp
        double t = i <= onRamp ? (-r0 + Math.sqrt(r0 * r0 + 2 * a * i)) / a : ramp + (i - onRamp) / rps;
        return (long) (t * 1e9);
    }

    public TrafficSettings withMaxInFlight(int max) {
        return new TrafficSettings(target, rps, duration, timeout, seed, declineShare, max, rampUp);
    }
}
