package dev.strangler.playbook.traffic;

import dev.strangler.playbook.traffic.internal.LatencyHistogram;
import dev.strangler.playbook.traffic.internal.Shop;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One run of the load generator: shop traffic at a fixed rate, open loop.
 *
 * <p>Request {@code i} is due at {@code start + i / rps} and is sent then, on a virtual thread, whether or not the
 * earlier ones have been answered; its latency is measured from that due time, not from when it happened to leave.
 * A closed loop (wait for an answer, then send the next) would slow down with a stalled target and report the few
 * requests it still sent as fast (coordinated omission); here a stall shows in the latency and the failure counts.
 *
 * <pre>{@code
 * try (TrafficRun run = TrafficRun.start(TrafficSettings.of(URI.create("http://127.0.0.1:8080"), 50, null))) {
 *     ... // a playbook step; run.snapshot() for live figures
 *     run.stop();
 *     run.awaitCompletion(Duration.ofSeconds(30));
 *     TrafficSummary evidence = run.summary();
 * }
 * }</pre>
 */
public final class TrafficRun implements AutoCloseable {

    private static final int FAILURE_SAMPLES = 10;
    private static final long SEED_MIX = 0x9E3779B97F4A7C15L;

    private final TrafficSettings settings;
    private final Shop shop;
    private final HttpClient http;
    private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread pacer;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    private volatile long startNanos;
    private volatile Instant startedAt = Instant.now();
    private volatile long endNanos;

    private final LongAdder scheduled = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<RequestKind, Counters> byKind = new EnumMap<>(RequestKind.class);
    private final Map<FailureKind, LongAdder> failures = new EnumMap<>(FailureKind.class);
    private final LatencyHistogram latency = new LatencyHistogram();
    private final ConcurrentLinkedQueue<Long> paymentIds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> customerIds = new ConcurrentLinkedQueue<>();
    private final LongAdder captures = new LongAdder();
    private final LongAdder refunds = new LongAdder();
    private final List<TrafficSummary.FailureSample> firstFailures = new ArrayList<>();
    private final Deque<TrafficSummary.FailureSample> lastFailures = new ArrayDeque<>();

    private TrafficRun(TrafficSettings settings) {
        this.settings = settings;
        for (RequestKind kind : RequestKind.values()) {
            byKind.put(kind, new Counters());
        }
        for (FailureKind kind : FailureKind.values()) {
            failures.put(kind, new LongAdder());
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout().compareTo(Duration.ofSeconds(3)) < 0 ? settings.timeout() : Duration.ofSeconds(3))
                .executor(httpThreads)
                .build();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        this.shop = new Shop(http, settings.target(), settings.timeout(), runId, settings.declineShare());
        this.pacer = Thread.ofPlatform().daemon().name("traffic-pacer").unstarted(this::pace);
    }

    /**
     * Reads the shop's catalog and customers through the target, then starts sending. Throws
     * {@link TrafficException} when the shop does not answer (nothing is sent then).
     */
    public static TrafficRun start(TrafficSettings settings) {
        TrafficRun run = new TrafficRun(settings);
        try {
            run.shop.discover();
        } catch (RuntimeException e) {
            run.release();
            throw e;
        }
        run.startedAt = Instant.now();
        run.startNanos = System.nanoTime();
        run.pacer.start();
        return run;
    }

    public TrafficSettings settings() {
        return settings;
    }

    /** Products and customers found before the start, which the requests pick from. */
    public String discovered() {
        return shop.productCount() + " products, " + shop.customerCount() + " customers";
    }

    /** Sends no further request; those in flight still get their answer (or time out). */
    public void stop() {
        stopping = true;
        LockSupport.unpark(pacer);
    }

    /** Waits until the run is over (its duration elapsed or {@link #stop()}) and every request has an outcome. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isComplete() {
        return finished.getCount() == 0;
    }

    /** Stops and waits for the requests in flight (at most the request timeout and a little more). */
    @Override
    public void close() {
        stop();
        try {
            awaitCompletion(settings.timeout().plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private void release() {
        requests.shutdownNow();
        http.shutdownNow();
        httpThreads.shutdownNow();
    }

    private void pace() {
        try {
            long limit = settings.duration() == null ? Long.MAX_VALUE : settings.duration().toNanos();
            SplittableRandom mix = new SplittableRandom(settings.seed());
            for (long i = 0; !stopping; i++) {
                long offset = settings.dueOffsetNanos(i);
                if (offset >= limit) {
                    break;
                }
                long due = startNanos + offset;
                long wait;
                while (!stopping && (wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                }
                if (stopping) {
                    break;
                }
                RequestKind planned = choose(mix);
                scheduled.increment();
                if (inFlight.get() >= settings.maxInFlight()) {
                    byKind.get(planned).requests.increment();
                    failed(planned, FailureKind.NOT_SENT, 0, "too many requests in flight", due);
                    continue;
                }
                inFlight.incrementAndGet();
                SplittableRandom random = new SplittableRandom(settings.seed() ^ (i * SEED_MIX));
                requests.execute(() -> send(planned, random, due));
            }
        } finally {
            drainThenFinish();
        }
    }

    private void drainThenFinish() {
        long deadline = System.nanoTime() + settings.timeout().plusSeconds(5).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        endNanos = System.nanoTime();
        finished.countDown();
    }

    private void send(RequestKind planned, SplittableRandom random, long due) {
        try {
            Shop.Exchange exchange = shop.execute(planned, random);
            long micros = (System.nanoTime() - due) / 1000;
            Counters counters = byKind.get(exchange.kind());
            counters.requests.increment();
            counters.latency.record(micros);
            latency.record(micros);
            switch (exchange.result()) {
                case OK -> counters.ok.increment();
                case DECLINED -> counters.declined.increment();
                case OUT_OF_STOCK -> counters.outOfStock.increment();
                case FAILED -> {
                    counters.failed.increment();
                    FailureKind failure = exchange.failure() == null ? FailureKind.UNEXPECTED_RESPONSE : exchange.failure();
                    failures.get(failure).increment();
                    sample(exchange.kind(), failure, exchange.status(), exchange.problemType(), exchange.error(), due);
                }
            }
            if (exchange.paymentCreated() != null) {
                paymentIds.add(exchange.paymentCreated());
            }
            if (exchange.customerCreated() != null) {
                customerIds.add(exchange.customerCreated());
            }
            if (exchange.captured()) {
                captures.increment();
            }
            if (exchange.refunded()) {
                refunds.increment();
            }
        } catch (RuntimeException e) {
            byKind.get(planned).requests.increment();
            failed(planned, FailureKind.UNEXPECTED_RESPONSE, 0, e.getClass().getSimpleName(), due);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void failed(RequestKind kind, FailureKind failure, int status, String error, long due) {
        byKind.get(kind).failed.increment();
        failures.get(failure).increment();
        sample(kind, failure, status, null, error, due);
    }

    private void sample(RequestKind kind, FailureKind failure, int status, @Nullable String problemType,
            @Nullable String error, long due) {
        TrafficSummary.FailureSample sample = new TrafficSummary.FailureSample(
                round((due - startNanos) / 1e9), kind, failure, status, problemType, error);
        synchronized (lastFailures) {
            if (firstFailures.size() < FAILURE_SAMPLES) {
                firstFailures.add(sample);
                return;
            }
            lastFailures.addLast(sample);
            if (lastFailures.size() > FAILURE_SAMPLES) {
                lastFailures.removeFirst();
            }
        }
    }

    /** The weighted choice of the next request kind (shares add up to 100). */
    static RequestKind choose(SplittableRandom random) {
        int r = random.nextInt(100);
        for (RequestKind kind : RequestKind.values()) {
            r -= kind.share();
            if (r < 0) {
                return kind;
            }
        }
        return RequestKind.BROWSE_PRODUCTS;
    }

    /** The live counters. */
    public TrafficSnapshot snapshot() {
        long ok = 0;
        long declined = 0;
        long outOfStock = 0;
        long failed = 0;
        Map<RequestKind, Long> failedByKind = new EnumMap<>(RequestKind.class);
        for (Map.Entry<RequestKind, Counters> e : byKind.entrySet()) {
            Counters c = e.getValue();
            ok += c.ok.sum();
            declined += c.declined.sum();
            outOfStock += c.outOfStock.sum();
            failed += c.failed.sum();
            failedByKind.put(e.getKey(), c.failed.sum());
        }
        return new TrafficSnapshot(round(elapsedNanos() / 1e9), scheduled.sum(), ok + declined + outOfStock + failed,
                ok, declined, outOfStock, failed, inFlight.get(), paymentIds.size(),
                millis(latency.percentileMicros(50)), millis(latency.percentileMicros(99)), failureCounts(),
                failedByKind);
    }

    /** The summary: final once {@link #isComplete()}, else a summary so far. */
    public TrafficSummary summary() {
        TrafficSnapshot now = snapshot();
        List<TrafficSummary.KindSummary> kinds = new ArrayList<>();
        for (Map.Entry<RequestKind, Counters> e : byKind.entrySet()) {
            Counters c = e.getValue();
            kinds.add(new TrafficSummary.KindSummary(e.getKey(), e.getKey().request(), c.requests.sum(), c.ok.sum(),
                    c.declined.sum(), c.outOfStock.sum(), c.failed.sum(), millis(c.latency.percentileMicros(50)),
                    millis(c.latency.percentileMicros(99))));
        }
        List<TrafficSummary.FailureSample> samples = new ArrayList<>();
        synchronized (lastFailures) {
            samples.addAll(firstFailures);
            samples.addAll(lastFailures);
        }
        double sendingSeconds = settings.duration() == null || !isComplete()
                ? now.elapsedSeconds()
                : Math.min(now.elapsedSeconds(), settings.duration().toNanos() / 1e9);
        return new TrafficSummary(settings.target().toString(), startedAt.toString(), now.elapsedSeconds(),
                settings.rps(), sendingSeconds <= 0 ? 0 : round(now.scheduled() / sendingSeconds), now.scheduled(),
                now.ok(), now.declined(), now.outOfStock(), now.failed(), failureCounts(),
                new TrafficSummary.Latency(latency.count(), millis(latency.percentileMicros(50)),
                        millis(latency.percentileMicros(90)), millis(latency.percentileMicros(99)),
                        millis(latency.maxMicros())),
                kinds, paymentIds.stream().sorted().toList(), captures.sum(), refunds.sum(), samples, isComplete(),
                customerIds.stream().sorted().toList());
    }

    private Map<FailureKind, Long> failureCounts() {
        Map<FailureKind, Long> counts = new EnumMap<>(FailureKind.class);
        failures.forEach((kind, n) -> counts.put(kind, n.sum()));
        return counts;
    }

    private long elapsedNanos() {
        long end = isComplete() ? endNanos : System.nanoTime();
        return Math.max(0, end - startNanos);
    }

    private static double millis(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static final class Counters {
        /** Requests of this kind with an outcome (a kind sent in place of another counts as what was sent). */
        final LongAdder requests = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder declined = new LongAdder();
        final LongAdder outOfStock = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
    }
}
