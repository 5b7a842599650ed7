package dev.strangler.proxy.forward.internal;

import dev.strangler.proxy.canary.CallerKey;
import dev.strangler.proxy.route.Route;
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
    final String traceparent;
    final long startNanos;
    Side side;
    @Nullable CallerKey issuedKey;
    boolean fellBack;
    boolean shadow;
    @Nullable Buffer requestBody;

    Exchange(Route route, String method, String path, String correlationId, String traceparent, Side side) {
        this.route = route;
        this.method = method;
        this.path = path;
        this.correlationId = correlationId;
        this.traceparent = traceparent;
        this.side = side;
        this.startNanos = System.nanoTime();
    }
}
