package dev.strangler.proxy.slo.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Answers, errors and a latency histogram over the last N seconds, as a ring of one-second slots. Recording is a few
 * atomic increments, safe from every event loop at once; a slot is reset by whoever first writes into it in a new
 * second (the reset races with at most a few concurrent writes of the same second, which the SLO can afford).
 */
public final class SlidingWindow {

    /** Histogram buckets: bucket i holds latencies below 2^(i/4) * 64 us, up to ~2 minutes. */
    private static final int BUCKETS = 84;
    private static final int SLOTS = 300;
    private static final int FIELDS = BUCKETS + 2; // [count, errors, histogram...]

    private final AtomicLongArray data = new AtomicLongArray(SLOTS * FIELDS);
    private final AtomicLongArray slotSecond = new AtomicLongArray(SLOTS);

    public void record(long epochSecond, long latencyMicros, boolean error) {
        int slot = (int) (epochSecond % SLOTS);
        long seen = slotSecond.get(slot);
        if (seen != epochSecond && slotSecond.compareAndSet(slot, seen, epochSecond)) {
            for (int i = 0; i < FIELDS; i++) {
                data.set(slot * FIELDS + i, 0);
            }
        }
        data.incrementAndGet(slot * FIELDS);
        if (error) {
            data.incrementAndGet(slot * FIELDS + 1);
        }
        data.incrementAndGet(slot * FIELDS + 2 + bucket(latencyMicros));
    }

    /** The figures of the {@code seconds} seconds up to and including {@code nowSecond}. */
    public Snapshot snapshot(long nowSecond, int seconds) {
        long count = 0;
        long errors = 0;
        long[] histogram = new long[BUCKETS];
        for (long s = nowSecond - seconds + 1; s <= nowSecond; s++) {
            int slot = (int) (s % SLOTS);
            if (slotSecond.get(slot) != s) {
                continue;
            }
            count += data.get(slot * FIELDS);
            errors += data.get(slot * FIELDS + 1);
            for (int b = 0; b < BUCKETS; b++) {
                histogram[b] += data.get(slot * FIELDS + 2 + b);
            }
        }
        return new Snapshot(count, errors, percentile(histogram, count, 0.99));
    }

    /** Figures of one window; {@code p99Micros} is the upper bound of the bucket holding the 99th percentile. */
    public record Snapshot(long count, long errors, long p99Micros) {
        public double errorRate() {
            return count == 0 ? 0 : (double) errors / count;
        }
    }

    static int bucket(long micros) {
        if (micros < 64) {
            return 0;
        }
        double b = 4 * (Math.log((double) micros / 64) / Math.log(2));
        return (int) Math.min(BUCKETS - 1, Math.floor(b) + 1);
    }

    static long upperBound(int bucket) {
        return (long) Math.ceil(64 * Math.pow(2, bucket / 4.0));
    }

    private static long percentile(long[] histogram, long count, double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                return upperBound(b);
            }
        }
        return upperBound(BUCKETS - 1);
    }
}
