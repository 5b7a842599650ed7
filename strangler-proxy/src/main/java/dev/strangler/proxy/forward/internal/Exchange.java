package dev.strangler.proxy.forward.internal;

import brave.Span;
import brave.propagation.TraceContext;
import dev.strangler.proxy.canary.CallerKey;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.shadow.ShadowAnswer;
import dev.strangler.proxy.slo.Side;
import io.vertx.core.buffer.Buffer;
import org.jspecify.annotations.Nullable;

/** What the data plane decided and learned about one request; lives on one event loop, so no synchronization. */
final class Exchange {

    static final String KEY = "strangler.exchange";

    final Route route;
    final String method;
    final String path;
    final String correlationId;
    final long startNanos;
    /** True when the correlation id is the caller's (caller input: masked before it goes into a span). */
    boolean correlationIdFromCaller;
    Side side;
    @Nullable CallerKey issuedKey;
    boolean fellBack;
    boolean shadow;
    @Nullable Buffer requestBody;
    /**
     * A write's dry-run mirror, sent before the write goes to legacy: the service must judge a write on the state
     * the monolith saw before it, not after (a write mirrored after the monolith's commit met the state that commit
     * left behind and answered 409 where the monolith said 201).
     */
    io.vertx.core.@Nullable Future<ShadowAnswer> earlyMirror;
    /** This hop's trace context, sent upstream; set by {@link EdgeTracing#start} before anything is forwarded. */
    TraceContext trace;
    /** The request's span while it is open; null when not recorded (spans off, or not sampled) and once finished. */
    @Nullable Span span;
    /** Why the proxy answered with an error of its own (a problem type), for the span. */
    @Nullable String error;

    Exchange(Route route, String method, String path, String correlationId, Side side) {
        this.route = route;
        this.method = method;
        this.path = path;
        this.correlationId = correlationId;
        this.side = side;
        this.startNanos = System.nanoTime();
    }
}
