package dev.strangler.proxy.forward.internal;

import brave.Span;
import brave.Tracer;
import brave.Tracing;
import brave.propagation.Propagation;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import brave.sampler.Sampler;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.shadow.Redaction;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The data plane's part of a trace, with the Spring context's Brave {@link Tracing} (one tracer per process, so the
 * proxy's spans share sampling, propagation and export with everything else the application records).
 *
 * <p>Per proxied request one SERVER span, child of the caller's W3C {@code traceparent} when it sent a valid one,
 * else the root of a new trace; per mirrored shadow copy one CLIENT child span. The {@code traceparent} sent upstream
 * is the context of the span that made the call, so a service's spans hang under the proxy's. Spans are tagged with
 * the route's path pattern, never the raw path or the query: both can carry card numbers or tokens.
 *
 * <p>When spans would go nowhere (no exporter and no span handler: the default, see {@code DataPlane}), none is built
 * (a sampled Brave span costs a concurrent-map entry and a recorder per request): the proxy still continues or starts
 * the trace through the same propagation and sampler, so upstreams see the same header either way.
 */
public final class EdgeTracing {

    static final String ROUTE = "proxy.route";
    static final String STAGE = "proxy.stage";
    static final String UPSTREAM = "proxy.upstream";
    static final String CANARY_PERCENT = "proxy.canary.percent";
    static final String CANARY_BUCKET = "proxy.canary.bucket";
    static final String CANARY_KEY = "proxy.canary.key";
    static final String SHADOW = "proxy.shadow";
    static final String SHADOW_SKIPPED = "proxy.shadow.skipped";
    static final String HTTP_METHOD = "http.method";
    static final String HTTP_ROUTE = "http.route";
    static final String HTTP_STATUS = "http.status_code";
    static final String ERROR = "error";
    static final String CORRELATION_ID = "correlation.id";

    private static final Propagation.Getter<HttpServerRequest, String> FROM_CALLER = HttpServerRequest::getHeader;
    private static final Propagation.Setter<MultiMap, String> TO_UPSTREAM = MultiMap::set;

    private final Tracer tracer;
    private final Sampler sampler;
    private final boolean recording;
    private final TraceContext.Extractor<HttpServerRequest> extractor;
    private final TraceContext.Injector<MultiMap> injector;

    /**
     * @param tracing the application's tracing
     * @param recording whether spans go anywhere (an exporter or a span handler); false builds no spans
     */
    public EdgeTracing(Tracing tracing, boolean recording) {
        this.tracer = tracing.tracer();
        this.sampler = tracing.sampler();
        this.recording = recording;
        Propagation<String> propagation = tracing.propagation();
        // the edge always speaks W3C (issue #5): when the application's propagation does not (a global
        // management.tracing.export.enabled=false turns it into a no-op), use the same W3C codec Boot would
        if (!propagation.keys().contains("traceparent")) {
            propagation = new W3CPropagation();
        }
        this.extractor = propagation.extractor(FROM_CALLER);
        this.injector = propagation.injector(TO_UPSTREAM);
    }

    /** Whether spans are built (false: only the trace context is propagated). */
    public boolean recording() {
        return recording;
    }

    /** Continues the caller's trace or starts one: the request's span (when recorded) and the context sent upstream. */
    void start(Exchange ex, HttpServerRequest in) {
        TraceContextOrSamplingFlags extracted = extractor.extract(in);
        if (!recording) {
            ex.trace = childContext(extracted);
            return;
        }
        Span span = tracer.nextSpan(extracted);
        ex.trace = span.context();
        if (span.isNoop()) {
            return;  // not sampled: the ids still go upstream, with flags 00
        }
        describe(span, ex.method, ex.route).tag(CORRELATION_ID, correlationId(ex)).start();
        ex.span = span;
    }

    /**
     * A request the proxy answered itself before choosing an upstream (no route: 404; a body over the limit: 413):
     * one finished span, so that the refusal is in the caller's trace too. Named by the route when there is one,
     * else by a fixed word: a path is caller input and may hold a card number.
     */
    void rejected(HttpServerRequest in, String method, @Nullable Route route, int status, String problemType) {
        if (!recording) {
            return;
        }
        Span span = tracer.nextSpan(extractor.extract(in));
        if (span.isNoop()) {
            return;
        }
        describe(span, method, route).tag(HTTP_STATUS, Integer.toString(status)).tag(ERROR, problemType)
                .start().finish();
    }

    /** A SERVER span named and tagged by the route's path pattern (never the raw path), or "(no route)". */
    private static Span describe(Span span, String method, @Nullable Route route) {
        span.kind(Span.Kind.SERVER).name("proxy " + method + " " + (route == null ? "(no route)" : route.path()))
                .tag(HTTP_METHOD, method);
        if (route != null) {
            span.tag(HTTP_ROUTE, route.path()).tag(ROUTE, route.id()).tag(STAGE, route.stage().name());
        }
        return span;
    }

    /** The request's trace context as upstream headers (traceparent, and whatever else the propagation carries). */
    void inject(TraceContext context, MultiMap headers) {
        injector.inject(context, headers);
    }

    /** The canary split's decision: share, the caller's bucket (0..9999) and where the caller key came from. */
    void canary(Exchange ex, int percent, int bucket, String keySource) {
        Span span = ex.span;
        if (span != null) {
            span.tag(CANARY_PERCENT, Integer.toString(percent)).tag(CANARY_BUCKET, Integer.toString(bucket))
                    .tag(CANARY_KEY, keySource);
        }
    }

    /** A shadow copy will be sent after legacy answered. */
    void shadowMirrored(Exchange ex) {
        Span span = ex.span;
        if (span != null) {
            span.tag(SHADOW, "mirrored");
        }
    }

    /** No shadow copy, and why (a fixed word: never caller input). */
    void shadowSkipped(Exchange ex, String reason) {
        Span span = ex.span;
        if (span != null) {
            span.tag(SHADOW, "skipped").tag(SHADOW_SKIPPED, reason);
        }
    }

    /** Ends the request's span once (response ended, or the connection closed before it did). */
    void finish(Exchange ex, int status, @Nullable String closedEarly) {
        Span span = ex.span;
        if (span == null) {
            return;
        }
        ex.span = null;  // tags after finish would touch a span the reporter may be encoding
        span.tag(HTTP_STATUS, Integer.toString(status)).tag(UPSTREAM, ex.fellBack ? "legacy-fallback" : ex.side.tag());
        String error = closedEarly != null ? closedEarly : ex.error != null ? ex.error
                : status >= 500 ? Integer.toString(status) : null;
        if (error != null) {
            span.tag(ERROR, error);
        }
        span.finish();
    }

    /**
     * A CLIENT span for a shadow copy, child of the request's context, written into the copy's headers; null (and the
     * request's context in the headers) when the trace is not recorded.
     */
    @Nullable Span startMirror(Exchange ex, MultiMap headers) {
        if (!recording || !Boolean.TRUE.equals(ex.trace.sampled())) {
            injector.inject(ex.trace, headers);
            return null;
        }
        Span span = tracer.newChild(ex.trace).kind(Span.Kind.CLIENT)
                .name("shadow " + ex.method + " " + ex.route.path()).remoteServiceName("extracted")
                .tag(HTTP_METHOD, ex.method).tag(HTTP_ROUTE, ex.route.path()).tag(ROUTE, ex.route.id())
                .tag(CORRELATION_ID, correlationId(ex))
                .start();
        injector.inject(span.context(), headers);
        return span;
    }

    /** Ends a shadow copy's span with the extracted side's status, or the failure's type when it did not answer. */
    static void finishMirror(@Nullable Span span, int status, @Nullable Throwable failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            // the type only: a message can quote what was sent
            span.tag(ERROR, failure.getClass().getSimpleName());
        } else {
            span.tag(HTTP_STATUS, Integer.toString(status));
            if (status >= 500) {
                span.tag(ERROR, Integer.toString(status));
            }
        }
        span.finish();
    }

    private static String correlationId(Exchange ex) {
        return ex.correlationIdFromCaller ? Redaction.redact(ex.correlationId) : ex.correlationId;
    }

    /**
     * A context for this hop without a span (spans off): a child of the caller's context, or a new trace with the
     * caller's sampling flags or else the sampler's decision, as the tracer would decide it.
     */
    TraceContext childContext(TraceContextOrSamplingFlags extracted) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long spanId = nonZero(random);
        TraceContext parent = extracted.context();
        if (parent != null) {
            return parent.toBuilder().parentId(parent.spanId()).spanId(spanId).shared(false).build();
        }
        Boolean sampled = extracted.sampled();
        // like Brave's 128-bit ids: epoch seconds in the high half's top, so ids sort roughly by time
        long high = (System.currentTimeMillis() / 1000) << 32 | (random.nextInt() & 0xffffffffL);
        TraceContext.Builder context = TraceContext.newBuilder().traceIdHigh(high).traceId(spanId).spanId(spanId)
                .sampled(sampled != null ? sampled : sampler.isSampled(spanId));
        for (Object extra : extracted.extra()) {
            context.addExtra(extra);
        }
        return context.build();
    }

    private static long nonZero(ThreadLocalRandom random) {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0L);
        return id;
    }
}
