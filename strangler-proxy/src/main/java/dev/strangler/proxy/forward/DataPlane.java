package dev.strangler.proxy.forward;

import brave.Tracing;
import dev.strangler.proxy.forward.internal.DataPlaneSettings;
import dev.strangler.proxy.forward.internal.EdgeTracing;
import dev.strangler.proxy.forward.internal.ProxyVerticle;
import dev.strangler.proxy.forward.internal.Traffic;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.shadow.ShadowMirror;
import dev.strangler.proxy.slo.SloWatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Vert.x data plane inside the Spring application: one {@link Vertx} with one event loop per core and one proxy
 * verticle per event loop. It starts after the route table is loaded and stops before it, letting in-flight
 * requests finish.
 *
 * <p>Tracing: the verticles get the application's Brave {@link Tracing} (never a tracer of their own). With
 * {@code recordSpans} they record a span per request; without (no exporter, no span handler), they only continue or
 * start the caller's trace context, because spans that go nowhere would cost throughput for nothing.
 */
public final class DataPlane implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DataPlane.class);

    private final DataPlaneSettings settings;
    private final int eventLoops;
    private final RouteStore routes;
    private final ShadowMirror shadow;
    private final Traffic traffic;
    private final EdgeTracing tracing;
    private @Nullable Vertx vertx;
    private volatile int port;

    public DataPlane(String host, int port, int eventLoops, int upstreamPoolSize, long maxRequestBody,
                     long shadowBodyCap, RouteStore routes, ShadowMirror shadow, MeterRegistry meters, SloWatch slo,
                     boolean accessLog, Tracing tracing, boolean recordSpans, String callerHeader) {
        this.eventLoops = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
        this.port = port;
        this.settings = new DataPlaneSettings(host, port, upstreamPoolSize, maxRequestBody, shadowBodyCap, callerHeader);
        this.routes = routes;
        this.shadow = shadow;
        this.traffic = new Traffic(meters, slo, accessLog);
        this.tracing = new EdgeTracing(tracing, recordSpans);
    }

    /** The port the data plane listens on (resolved when {@code proxy.port} is 0). */
    public int port() {
        return port;
    }

    /** Whether the data plane records a span per request (false: it only passes the trace context on). */
    public boolean recordsSpans() {
        return tracing.recording();
    }

    @Override
    public void start() {
        // every verticle binds the same port, so a random one (0) is chosen here once
        int actual = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        DataPlaneSettings resolved = new DataPlaneSettings(settings.host(), actual, settings.upstreamPoolSize(),
                settings.maxRequestBody(), settings.shadowBodyCap(), settings.callerHeader());
        Vertx v = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(false));
        try {
            v.deployVerticle(() -> new ProxyVerticle(resolved, routes, shadow, traffic, tracing),
                            new DeploymentOptions().setInstances(eventLoops))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            v.close();
            throw new IllegalStateException("interrupted while starting the data plane", e);
        } catch (ExecutionException | TimeoutException e) {
            v.close();
            throw new IllegalStateException("the data plane could not listen on " + settings.host() + ":" + actual, e);
        }
        this.vertx = v;
        this.port = actual;
        log.info("Data plane listening on {}:{} with {} event loops, {}", settings.host(), actual, eventLoops,
                tracing.recording() ? "a span per request" : "trace context propagated, no spans (no exporter)");
    }

    @Override
    public void stop() {
        Vertx v = vertx;
        if (v == null) {
            return;
        }
        try {
            v.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("The data plane did not stop cleanly", e);
        }
        vertx = null;
    }

    @Override
    public boolean isRunning() {
        return vertx != null;
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
