package dev.strangler.proxy.shadow;

import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.ShadowRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides what may be mirrored and compares the two answers. Comparison runs on its own small executor with a
 * bounded queue: the user's request never waits for it, and under overload comparisons are dropped (counted as
 * skipped), never queued without bound.
 */
public final class ShadowMirror {

    /** The header that tells the extracted service to validate and compute, persist nothing, call no gateway. */
    public static final String DRY_RUN_HEADER = "X-Strangler-Shadow";
    public static final String DRY_RUN_VALUE = "dry-run";

    private static final Logger log = LoggerFactory.getLogger(ShadowMirror.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final int SAMPLE_BODY_CHARS = 4_096;

    private final JsonMapper json;
    private final ExecutorService executor;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, RouteStats> stats = new ConcurrentHashMap<>();

    public ShadowMirror(JsonMapper json, ExecutorService executor, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.executor = executor;
        this.clock = clock;
        this.meters = meters;
    }


    /** Whether a request may be mirrored: safe methods always, unsafe ones only to a dry-run capable service. */
    public static boolean mayMirror(Route route, String method) {
        return SAFE.contains(method) || route.shadow().dryRun();
    }

    /** Whether the mirror of {@code method} must carry the dry-run header. */
    public static boolean needsDryRun(String method) {
        return !SAFE.contains(method);
    }

    /** Counts a request that was not mirrored or not compared. */
    public void skipped(String routeId) {
        stats(routeId).skipped.incrementAndGet();
    }

    /** Compares asynchronously; returns immediately. */
    public void compare(Route route, String method, String path, String correlationId, ShadowAnswer legacy,
                        ShadowAnswer extracted) {
        try {
            executor.execute(() -> compareNow(route, method, path, correlationId, legacy, extracted));
        } catch (RejectedExecutionException e) {
            skipped(route.id());
        }
    }

    /**
     * Compares on the calling thread; returns the differences found. A mirror the extracted service did not answer
     * (connect error, timeout) is counted as failed, not compared: it says nothing about the new service's answers.
     */
    public List<String> compareNow(Route route, String method, String path, String correlationId, ShadowAnswer legacy,
                                   ShadowAnswer extracted) {
        RouteStats s = stats(route.id());
        if (extracted.failure() != null) {
            s.failed.incrementAndGet();
            meters.counter("proxy.shadow.comparisons", "route", route.id(), "outcome", "failed").increment();
            log.debug("Shadow mirror failed on route {} ({}): {}", route.id(), correlationId, extracted.failure());
            return List.of();
        }
        if (needsDryRun(method) && route.shadow().notComparedStatuses().contains(legacy.status())) {
            // a party a dry run never asks decided the legacy answer (a gateway declined a card): the dry run's
            // "would succeed" says nothing either way, so this pair is neither a match nor a difference
            s.skipped.incrementAndGet();
            meters.counter("proxy.shadow.comparisons", "route", route.id(), "outcome", "not-comparable").increment();
            return List.of();
        }
        List<String> differences = differences(route.shadow(), legacy, extracted);
        s.compared.incrementAndGet();
        meters.counter("proxy.shadow.comparisons", "route", route.id(),
                "outcome", differences.isEmpty() ? "same" : "different").increment();
        if (!differences.isEmpty()) {
            s.differing.incrementAndGet();
            s.add(new DiffSample(clock.instant(), method, path, correlationId, List.copyOf(differences),
                    legacy.status(), extracted.status(), sample(legacy.body()), sample(extracted.body())),
                    route.shadow().samples());
            log.debug("Shadow difference on route {} ({}): {}", route.id(), correlationId, differences);
        }
        return differences;
    }

    public ShadowStats stats(Route route) {
        RouteStats s = stats(route.id());
        long compared = s.compared.get();
        long differing = s.differing.get();
        long failed = s.failed.get();
        return new ShadowStats(route.id(), compared, differing, compared == 0 ? 0 : (double) differing / compared,
                failed, compared + failed == 0 ? 0 : (double) failed / (compared + failed), s.skipped.get(), s.samples());
    }

    private List<String> differences(ShadowRules rules, ShadowAnswer legacy, ShadowAnswer extracted) {
        List<String> out = new ArrayList<>();
        if (legacy.status() != extracted.status()) {
            out.add("status");
        }
        for (String header : rules.headers()) {
            String name = header.toLowerCase(java.util.Locale.ROOT);
            if (!Objects.equals(mediaTypeOnly(name, legacy.headers().get(name)),
                    mediaTypeOnly(name, extracted.headers().get(name)))) {
                out.add("header:" + name);
            }
        }
        byte[] a = legacy.body();
        byte[] b = extracted.body();
        if (a == null || b == null) {
            return out;
        }
        JsonNode x = parse(a);
        JsonNode y = parse(b);
        if (x != null && y != null) {
            out.addAll(new JsonComparison(rules).differences(x, y));
        } else if (!java.util.Arrays.equals(a, b)) {
            out.add("body");
        }
        return out;
    }

    private static @Nullable String mediaTypeOnly(String name, @Nullable String value) {
        // "application/json" and "application/json;charset=UTF-8" are the same answer
        return value != null && name.equals("content-type") ? value.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT) : value;
    }

    private @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String sample(byte @Nullable [] body) {
        if (body == null) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return Redaction.redact(text.length() > SAMPLE_BODY_CHARS ? text.substring(0, SAMPLE_BODY_CHARS) : text);
    }

    private RouteStats stats(String routeId) {
        return stats.computeIfAbsent(routeId, id -> new RouteStats());
    }

    private static final class RouteStats {
        final AtomicLong compared = new AtomicLong();
        final AtomicLong differing = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        private final Deque<DiffSample> samples = new ArrayDeque<>();

        synchronized void add(DiffSample sample, int keep) {
            samples.addLast(sample);
            while (samples.size() > keep) {
                samples.removeFirst();
            }
        }

        synchronized List<DiffSample> samples() {
            return List.copyOf(samples);
        }
    }
}
