package dev.strangler.proxy.slo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowTests {

    final SlidingWindow window = new SlidingWindow();

    @Test
    void reportsCountErrorsAndTheBucketOfTheNinetyNinthPercentile() {
        for (int i = 0; i < 99; i++) {
            window.record(1_000, 1_000, false);
        }
        window.record(1_000, 900_000, true);

        SlidingWindow.Snapshot s = window.snapshot(1_000, 10);

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.p99Micros()).isEqualTo(SlidingWindow.upperBound(SlidingWindow.bucket(1_000)));
        window.record(1_000, 900_000, false);
        assertThat(window.snapshot(1_000, 10).p99Micros())
                .isEqualTo(SlidingWindow.upperBound(SlidingWindow.bucket(900_000)));
    }

    @Test
    void countsOnlyTheSecondsOfTheWindow() {
        window.record(1_000, 500, true);
        window.record(1_005, 500, false);

        assertThat(window.snapshot(1_009, 10).count()).isEqualTo(2);
        assertThat(window.snapshot(1_010, 10).count()).isEqualTo(1);
        assertThat(window.snapshot(1_010, 10).errors()).isZero();
        // a slot reused a whole ring later holds only its new second
        window.record(1_300, 500, false);
        assertThat(window.snapshot(1_300, 1).count()).isEqualTo(1);
        assertThat(window.snapshot(1_000, 1).count()).isZero();
    }

    @Test
    void latenciesBeyondTheLastBucketAreClampedNotLost() {
        window.record(1_000, Long.MAX_VALUE / 2, false);

        assertThat(window.snapshot(1_000, 1).p99Micros()).isEqualTo(SlidingWindow.upperBound(83));
        assertThat(window.snapshot(1_000, 1).count()).isEqualTo(1);
    }

    @Test
    void losesNoWriteAndInventsNoLatencyWhileWritersTurnSecondsOverTogether() throws Exception {
        int threads = 4;
        int perSecond = 20;
        int seconds = 5_000;
        CyclicBarrier together = new CyclicBarrier(threads);
        List<String> wrong = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean checker = t == 0;
                writers.add(pool.submit(() -> {
                    for (long second = 5_000; second < 5_000 + seconds; second++) {
                        together.await(); // every thread enters the new second at once: they race for its slot
                        for (int i = 0; i < perSecond; i++) {
                            window.record(second, 2_000, i % 10 == 0);
                        }
                        together.await();
                        if (checker) {
                            SlidingWindow.Snapshot s = window.snapshot(second, 1);
                            if (s.count() != threads * perSecond || s.errors() != threads * perSecond / 10
                                    || s.p99Micros() != SlidingWindow.upperBound(SlidingWindow.bucket(2_000))) {
                                wrong.add(second + ": " + s);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void aReaderAmongWritersNeverSeesALatencyNobodyRecorded() throws Exception {
        int writers = 3;
        long expectedP99 = SlidingWindow.upperBound(SlidingWindow.bucket(2_000));
        AtomicLong second = new AtomicLong(9_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<String> wrong = new ArrayList<>();
        try {
            for (int t = 0; t < writers; t++) {
                pool.submit(() -> {
                    long n = 0;
                    while (writing.get()) {
                        // a new second every 1,000 writes: slots turn over while the reader reads them
                        window.record(++n % 1_000 == 0 ? second.incrementAndGet() : second.get(), 2_000, n % 3 == 0);
                    }
                });
            }
            for (int i = 0; i < 200_000 && wrong.size() < 5; i++) {
                SlidingWindow.Snapshot s = window.snapshot(second.get(), 10);
                if (s.count() > 0 && s.p99Micros() != expectedP99 || s.errors() > s.count()) {
                    wrong.add(s.toString());
                }
            }
        } finally {
            writing.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(wrong).isEmpty();
    }
}
