package dev.strangler.lab.psp;

/**
 * How the fake gateway behaves.
 *
 * @param port           HTTP port on 127.0.0.1 (0 picks a free one)
 * @param minLatencyMs   lower bound of the added latency of every answer
 * @param maxLatencyMs   upper bound (uniformly distributed between the two)
 * @param timeoutDelayMs how long the {@link TestCard#TIMEOUT} card makes callers wait
 */
public record FakePspSettings(int port, int minLatencyMs, int maxLatencyMs, int timeoutDelayMs) {

    public FakePspSettings {
        if (minLatencyMs < 0 || maxLatencyMs < minLatencyMs) {
            throw new IllegalArgumentException("latency must satisfy 0 <= min <= max, got " + minLatencyMs + ".." + maxLatencyMs);
        }
        if (timeoutDelayMs < 0) {
            throw new IllegalArgumentException("timeoutDelayMs must be >= 0");
        }
    }

    /** No added latency: for tests and benchmarks. */
    public static FakePspSettings fast(int port) {
        return new FakePspSettings(port, 0, 0, 30_000);
    }

    /** A realistic gateway: 20-60 ms per call. */
    public static FakePspSettings realistic(int port) {
        return new FakePspSettings(port, 20, 60, 30_000);
    }
}
