package dev.strangler.proxy.slo.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Answers, errors and a latency histogram over the last N seconds, as a ring of one-second slots, safe from every
 * event loop at once. A slot is an object of its own, tagged with its second: the first writer of a new second swaps
 * in a fresh one with a compare-and-set, so a write never lands in a slot that is being cleared, and no write of a
 * second is lost. (Clearing a shared slot in place once lost a histogram entry while keeping its count: the
 * percentile then ran past the histogram and reported a 2-minute p99 that rolled a healthy canary back.)
 */
public final class SlidingWindow {

    /** Histogram buckets: bucket i holds latencies below 2^(i/4) * 64 us, up to ~2 minutes. */
    private static final int BUCKETS = 84;
    private static final int SLOTS = 300;

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    public void record(long epochSecond, long latencyMicros, boolean error) {
        slot(epochSecond).record(bucket(latencyMicros), error);
    }

    private Slot slot(long epochSecond) {
        int index = (int) Math.floorMod(epochSecond, (long) SLOTS);
        while (true) {
            Slot current = slots.get(index);
            if (current != null && current.second == epochSecond) {
                return current;
            }
            if (current != null && current.second > epochSecond) {
                // a writer late by a whole ring (a stalled thread): its second is long out of every window
                return new Slot(epochSecond);
            }
            Slot fresh = new Slot(epochSecond);
            if (slots.compareAndSet(index, current, fresh)) {
                return fresh;
            }
        }
    }

    /** The figures of the {@code seconds} seconds up to and including {@code nowSecond}. */
    public Snapshot snapshot(long nowSecond, int seconds) {
        long errors = 0;
        long[] histogram = new long[BUCKETS];
        for (long s = nowSecond - seconds + 1; s <= nowSecond; s++) {
            Slot slot = slots.get((int) Math.floorMod(s, (long) SLOTS));
            if (slot == null || slot.second != s) {
                continue;
            }
            // errors before the histogram, the reverse of the writes: a reader never sees more errors than answers
            errors += slot.errors.get();
            for (int b = 0; b < BUCKETS; b++) {
                histogram[b] += slot.histogram.get(b);
            }
        }
        long count = 0;
        for (long n : histogram) {
            count += n;
        }
        return new Snapshot(count, Math.min(errors, count), percentile(histogram, count, 0.99));
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

    /** The count is the histogram's own total, so the rank always falls inside the histogram. */
    private static long percentile(long[] histogram, long count, double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p * count);
        long seen = 0;
        int b = 0;
        for (; b < BUCKETS - 1; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                break;
            }
        }
        return upperBound(b);
    }

    /** One second of one route and side. */
    private static final class Slot {
        final long second;
        final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        final AtomicLong errors = new AtomicLong();

        Slot(long second) {
            this.second = second;
        }

        void record(int bucket, boolean error) {
            histogram.incrementAndGet(bucket);
            if (error) {
                errors.incrementAndGet();
            }
        }
    }
}
