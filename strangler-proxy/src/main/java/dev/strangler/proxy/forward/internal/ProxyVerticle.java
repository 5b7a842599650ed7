package dev.strangler.proxy.forward.internal;

import brave.Span;
import dev.strangler.proxy.canary.CallerKey;
import dev.strangler.proxy.canary.CanarySplit;
import dev.strangler.proxy.problem.Problem;
import dev.strangler.proxy.route.Faults;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.Stage;
import dev.strangler.proxy.shadow.ShadowAnswer;
import dev.strangler.proxy.shadow.ShadowMirror;
import dev.strangler.proxy.slo.Side;
import io.netty.handler.codec.DateFormatter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.net.URI;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One event loop's share of the data plane: its own server (the listen socket is shared), upstream client (and
 * keep-alive pool) and {@link HttpProxy}, so a request never changes thread. Vert.x does the HTTP; this class only
 * decides: which route, which side, which headers, whether to mirror.
 */
public final class ProxyVerticle extends VerticleBase {

    // header names as pre-hashed AsciiStrings: every lookup by a plain String hashes it again, on every request
    static final CharSequence CORRELATION = HttpHeaders.createOptimized("X-Correlation-Id");
    static final CharSequence UPSTREAM = HttpHeaders.createOptimized("X-Strangler-Upstream");
    private static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** Hop-by-hop headers (RFC 9110 7.6.1), removed in both directions along with those named in Connection. */
    private static final List<CharSequence> HOP_BY_HOP = Stream.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade")
            .map(HttpHeaders::createOptimized).toList();
    private static final int MAX_MIRRORS_IN_FLIGHT = 256;

    private final DataPlaneSettings settings;
    private final RouteStore routes;
    private final ShadowMirror shadow;
    private final Traffic traffic;
    private final EdgeTracing tracing;
    private HttpClient client;
    private HttpServer server;
    private int mirrorsInFlight;

    public ProxyVerticle(DataPlaneSettings settings, RouteStore routes, ShadowMirror shadow, Traffic traffic,
                         EdgeTracing tracing) {
        this.settings = settings;
        this.routes = routes;
        this.shadow = shadow;
        this.traffic = traffic;
        this.tracing = tracing;
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true)
                        .setKeepAliveTimeout(30),
                new PoolOptions().setHttp1MaxSize(settings.upstreamPoolSize()));
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client);
        proxy.origin(this::origin);
        proxy.addInterceptor(new Edge(), true);
        // no h2c upgrade: the data plane speaks HTTP/1.1 to callers and upstreams alike
        server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setAcceptBacklog(4096).setHttp2ClearTextEnabled(false)
                .setIdleTimeout(120).setIdleTimeoutUnit(TimeUnit.SECONDS));
        server.requestHandler(proxy);
        server.invalidRequestHandler(new InvalidRequestProblem());
        return server.listen(settings.port(), settings.host());
    }

    @Override
    public Future<?> stop() {
        // graceful: stop accepting, let in-flight exchanges finish, then drop the pool
        return server.shutdown(10, TimeUnit.SECONDS).eventually(() -> client.close());
    }

    /** Picks the upstream; a safe request of a canary caller falls back to legacy when the extracted side is down. */
    private Future<HttpClientRequest> origin(ProxyContext ctx) {
        Exchange ex = ctx.get(Exchange.KEY, Exchange.class);
        Route route = ex.route;
        if (ex.side == Side.EXTRACTED) {
            Future<HttpClientRequest> extracted = client.request(options(route.extracted(), route));
            if (SAFE.contains(ex.method)) {
                // nothing was sent yet (no connection), so this is not a retry: no request reaches two upstreams
                return extracted.recover(failure -> {
                    ex.fellBack = true;
                    traffic.extractedUnreachable(ex);
                    ex.side = Side.LEGACY;
                    return legacyConnection(route);
                });
            }
            return extracted;
        }
        return legacyConnection(route);
    }

    /** A connection to the legacy upstream, waiting for it while it refuses connections (a restart), if allowed. */
    private Future<HttpClientRequest> legacyConnection(Route route) {
        int budget = route.timeouts().legacyConnectRetryMillis();
        return budget <= 0 ? client.request(options(route.legacy(), route))
                : legacyConnection(route, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget), 50);
    }

    private Future<HttpClientRequest> legacyConnection(Route route, long deadlineNanos, long delayMillis) {
        return client.request(options(route.legacy(), route)).recover(failure -> {
            // a refused or timed-out connect: the request has not left the proxy, so waiting is safe for any method
            if (!(failure instanceof ConnectException)
                    || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) > deadlineNanos) {
                return Future.failedFuture(failure);
            }
            return vertx.timer(delayMillis, TimeUnit.MILLISECONDS)
                    .compose(v -> legacyConnection(route, deadlineNanos, Math.min(1_000, delayMillis * 2)));
        });
    }

    private static RequestOptions options(URI upstream, Route route) {
        return new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(upstream.getPort(), upstream.getHost()))
                .setHost(upstream.getHost()).setPort(upstream.getPort())
                .setConnectTimeout(route.timeouts().connectMillis())
                .setIdleTimeout(route.timeouts().responseMillis());
    }

    /** Edge headers, route decision and size limit on the way in; header hygiene and shadow on the way out. */
    private final class Edge implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext ctx) {
            ProxyRequest request = ctx.request();
            HttpServerRequest in = request.proxiedRequest();
            String method = request.getMethod().name();
            String path = in.path();
            Route route = routes.current().match(method, path);
            if (route == null) {
                tracing.rejected(in, method, null, 404, "no-route");
                return Future.succeededFuture(problem(ctx,
                        Problem.of(404, "no-route", "No route takes this request.")));
            }
            long length = contentLength(in.getHeader(HttpHeaders.CONTENT_LENGTH));
            if (length > settings.maxRequestBody()) {
                tracing.rejected(in, method, route, 413, "request-too-large");
                return Future.succeededFuture(problem(ctx, tooLargeProblem()));
            }
            if (length < 0 && in.headers().contains(HttpHeaders.TRANSFER_ENCODING) && request.getBody() != null) {
                Body body = request.getBody();
                request.setBody(Body.body(new LimitedStream(body.stream(), settings.maxRequestBody(), () -> tooLarge(in)),
                        -1, body.mediaType()));
            }
            Side side = Side.LEGACY;
            CallerKey key = null;
            int bucket = -1;
            if (route.stage() == Stage.EXTRACTED) {
                side = Side.EXTRACTED;
            } else if (route.stage() == Stage.CANARY) {
                key = CallerKey.of(in.getHeader(settings.callerHeader()), in.getHeader(HttpHeaders.COOKIE));
                bucket = CanarySplit.bucket(key.value());
                side = CanarySplit.toExtracted(bucket, route.percent()) ? Side.EXTRACTED : Side.LEGACY;
            }
            String callerCorrelationId = in.getHeader(CORRELATION);
            String correlationId = CorrelationId.of(callerCorrelationId);
            Exchange ex = new Exchange(route, method, path, correlationId, side);
            ex.correlationIdFromCaller = correlationId == callerCorrelationId;  // of() keeps the caller's instance
            tracing.start(ex, in);
            if (key != null) {
                ex.issuedKey = key.issued() ? key : null;
                tracing.canary(ex, route.percent(), bucket, key.source());
            }
            ctx.set(Exchange.KEY, ex);

            MultiMap headers = request.headers();
            stripHopByHop(headers);
            String client = in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress();
            String forwardedFor = headers.get(FORWARDED_FOR);
            headers.set(FORWARDED_FOR, forwardedFor == null ? client : forwardedFor + ", " + client);
            headers.set(FORWARDED_PROTO, in.scheme() == null ? "http" : in.scheme());
            if (in.authority() != null) {
                headers.set(FORWARDED_HOST, in.authority().toString());
            }
            headers.set(CORRELATION, ex.correlationId);
            tracing.inject(ex.trace, headers);
            String query = in.query() == null ? "" : in.query();
            HttpServerResponse out = in.response();
            out.endHandler(v -> {
                int status = out.getStatusCode();
                traffic.ended(ex, status, query);
                tracing.finish(ex, status, null);
            });
            if (ex.span != null) {
                // a caller that hangs up before the answer ends: no end handler, but the span must end
                out.closeHandler(v -> tracing.finish(ex, out.getStatusCode(), "connection-closed"));
            }

            if (route.stage() == Stage.SHADOW) {
                if (!ShadowMirror.mayMirror(route, method)) {
                    skipShadow(ex, "method-not-mirrored");
                } else if (route.extracted() == null) {
                    skipShadow(ex, "no-extracted-upstream");
                } else if (length > 0 || (length < 0 && in.headers().contains(HttpHeaders.TRANSFER_ENCODING))) {
                    if (length < 0 || length > settings.shadowBodyCap()) {
                        skipShadow(ex, length < 0 ? "chunked-body" : "body-over-cap");
                    } else {
                        ex.shadow = true;
                        tracing.shadowMirrored(ex);
                        Future<Buffer> body = in.body();
                        in.resume();
                        return body.compose(buffer -> {
                            ex.requestBody = buffer;
                            request.setBody(Body.body(buffer));
                            return afterDryRun(request, ex).transform(ar -> send(ctx, ex));
                        });
                    }
                } else {
                    ex.shadow = true;
                    tracing.shadowMirrored(ex);
                    return afterDryRun(request, ex).transform(ar -> send(ctx, ex));
                }
            }
            return send(ctx, ex);
        }

        private void skipShadow(Exchange ex, String reason) {
            shadow.skipped(ex.route.id());
            tracing.shadowSkipped(ex, reason);
        }

        private Future<ProxyResponse> send(ProxyContext ctx, Exchange ex) {
            Faults faults = ex.route.faults();
            if (ex.side == Side.EXTRACTED && faults.any()) {
                return injectFaults(ctx, ex, faults);
            }
            return forward(ctx, ex);
        }

        /** A chaos drill: the extracted side answers late, or the proxy answers 503 in its place. */
        private Future<ProxyResponse> injectFaults(ProxyContext ctx, Exchange ex, Faults faults) {
            Future<Void> delay = faults.latencyMillis() == 0 ? Future.succeededFuture()
                    : vertx.timer(faults.latencyMillis(), TimeUnit.MILLISECONDS).mapEmpty();
            boolean fail = faults.errorPercent() > 0
                    && ThreadLocalRandom.current().nextInt(100) < faults.errorPercent();
            if (fail) {
                ex.error = "injected-fault";
            }
            return delay.compose(v -> fail
                    ? Future.succeededFuture(problem(ctx, Problem.of(503, "injected-fault",
                            "A fault injected at the proxy for a chaos drill (strangler chaos).")))
                    : forward(ctx, ex));
        }

        private Future<ProxyResponse> forward(ProxyContext ctx, Exchange ex) {
            return ctx.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof TimeoutException
                        || String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
                ex.error = timeout ? "upstream-timeout" : "upstream-unavailable";
                String upstream = "The " + ex.side.tag() + " upstream";
                return Future.succeededFuture(problem(ctx, timeout
                        ? Problem.of(504, "upstream-timeout", upstream + " did not answer in time.")
                        : Problem.of(502, "upstream-unavailable", upstream + " could not be reached.")));
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext ctx) {
            Exchange ex = ctx.get(Exchange.KEY, Exchange.class);
            ProxyResponse response = ctx.response();
            keepOriginDate(ctx, response);
            if (ex == null) {
                return ctx.sendResponse();
            }
            stripHopByHop(response.headers());
            response.headers().set(CORRELATION, ex.correlationId);
            response.headers().set(UPSTREAM, ex.side.tag());
            if (ex.issuedKey != null) {
                response.headers().add(HttpHeaders.SET_COOKIE, ex.issuedKey.setCookie());
            }
            HttpClientResponse upstream = response.proxiedResponse();
            if (!ex.shadow || upstream == null) {
                return ctx.sendResponse();
            }
            Map<String, String> compared = compared(ex.route, response.headers());
            int status = response.getStatusCode();
            Body body = response.getBody();
            if (body != null) {
                ProxyRequest request = ctx.request();
                response.setBody(Body.body(new TeeStream(body.stream(), settings.shadowBodyCap(),
                        copy -> mirror(request, ex, new ShadowAnswer(status, compared, copy, null))), body.length(),
                        body.mediaType()));
            }
            return ctx.sendResponse();
        }
    }

    /**
     * The response's {@code Date} as the origin wrote it; without one, the proxy's clock in the form RFC 9110 (5.6.7)
     * asks for. vertx-http-proxy parses the origin's {@code Date} on every response and prints it again with
     * {@code RFC_1123_DATE_TIME}: about 4 us per request (the largest single cost on the data plane after Netty's),
     * a day without its leading zero ({@code Sun, 6 Nov 1994}: not an IMF-fixdate), and a stack trace on stderr for
     * a date it cannot parse. Out of the proxied headers, the origin's text skips all that and goes back in just
     * before the head is written.
     */
    private static void keepOriginDate(ProxyContext ctx, ProxyResponse response) {
        String date = response.headers().get(HttpHeaders.DATE);
        if (date != null) {
            response.headers().remove(HttpHeaders.DATE);
        }
        HttpServerResponse out = ctx.request().proxiedRequest().response();
        out.headersEndHandler(v -> out.headers().set(HttpHeaders.DATE,
                date != null ? date : DateFormatter.format(new Date())));
    }

    /**
     * A write's dry-run copy goes first, and the write follows its answer (or {@link #DRY_RUN_HEAD_START_MILLIS}):
     * sent after legacy answered, or even beside it, the dry run was judged on the state legacy's write left
     * behind (the resource already created or already moved on) and differed for that reason alone, a false
     * 201/409. Only writes of a route in SHADOW wait; reads are mirrored after the answer, as before.
     */
    private Future<?> afterDryRun(ProxyRequest request, Exchange ex) {
        if (!ShadowMirror.needsDryRun(ex.method)) {
            return Future.succeededFuture();
        }
        Future<ShadowAnswer> dryRun = sendMirror(request, ex);
        ex.earlyMirror = dryRun;
        if (dryRun == null) {
            return Future.succeededFuture();
        }
        io.vertx.core.Promise<Void> go = io.vertx.core.Promise.promise();
        long timer = vertx.setTimer(DRY_RUN_HEAD_START_MILLIS, id -> go.tryComplete());
        dryRun.onComplete(ar -> {
            vertx.cancelTimer(timer);
            go.tryComplete();
        });
        return go.future();
    }

    /** How long a shadowed write waits at most for its dry run before it goes to legacy anyway. */
    static final long DRY_RUN_HEAD_START_MILLIS = 1000;

    /** Compares legacy's answer with the extracted service's copy; never touches the user's exchange. */
    private void mirror(ProxyRequest request, Exchange ex, ShadowAnswer legacy) {
        Future<ShadowAnswer> extracted = ex.earlyMirror != null ? ex.earlyMirror : sendMirror(request, ex);
        if (extracted == null) {
            shadow.skipped(ex.route.id());
            return;
        }
        extracted.onComplete(ar -> shadow.compare(ex.route, ex.method, ex.path, ex.correlationId, legacy,
                ar.succeeded() ? ar.result()
                        : ShadowAnswer.failed(ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage())));
    }

    /** Sends the extracted service a copy of the request; null when it cannot be sent (no upstream, too many). */
    private @Nullable Future<ShadowAnswer> sendMirror(ProxyRequest request, Exchange ex) {
        Route route = ex.route;
        if (route.extracted() == null || mirrorsInFlight >= MAX_MIRRORS_IN_FLIGHT) {
            return null;
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        headers.remove("host");
        headers.remove("content-length");
        if (ShadowMirror.needsDryRun(ex.method)) {
            headers.set(ShadowMirror.DRY_RUN_HEADER, ShadowMirror.DRY_RUN_VALUE);
        }
        RequestOptions options = options(route.extracted(), route).setMethod(HttpMethod.valueOf(ex.method))
                .setURI(request.getURI());
        mirrorsInFlight++;
        Span span = tracing.startMirror(ex, headers);
        return client.request(options)
                .compose(req -> {
                    req.headers().addAll(headers);
                    return ex.requestBody == null ? req.send() : req.send(ex.requestBody);
                })
                .compose(resp -> {
                    Map<String, String> compared = compared(route, resp.headers());
                    io.vertx.core.Promise<ShadowAnswer> answer = io.vertx.core.Promise.promise();
                    new TeeStream(resp, settings.shadowBodyCap(),
                            copy -> answer.tryComplete(new ShadowAnswer(resp.statusCode(), compared, copy, null)))
                            .handler(chunk -> { })
                            .exceptionHandler(answer::tryFail)
                            .endHandler(v -> { });
                    return answer.future();
                })
                .onComplete(ar -> {
                    mirrorsInFlight--;
                    EdgeTracing.finishMirror(span, ar.succeeded() ? ar.result().status() : 0, ar.cause());
                });
    }

    /** A chunked body went over the limit while streaming: answer 413 if nothing was answered yet, then hang up. */
    private void tooLarge(HttpServerRequest in) {
        var response = in.response();
        if (!response.headWritten()) {
            response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Buffer.buffer(tooLargeProblem().json()))
                    .onComplete(v -> in.connection().close());
        } else {
            in.connection().close();
        }
    }

    private static Map<String, String> compared(Route route, MultiMap headers) {
        Map<String, String> out = new HashMap<>();
        for (String name : route.shadow().headers()) {
            String value = headers.get(name);
            if (value != null) {
                out.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return out;
    }

    private static void stripHopByHop(MultiMap headers) {
        if (!headers.contains(HttpHeaders.CONNECTION)) {
            removeAll(headers);
            return;
        }
        for (String named : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : named.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        removeAll(headers);
    }

    private static void removeAll(MultiMap headers) {
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    private static long contentLength(@Nullable String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Problem tooLargeProblem() {
        return Problem.of(413, "request-too-large",
                "The request body is larger than " + settings.maxRequestBody() + " bytes.");
    }

    /** The proxy's own answer in place of the upstream's, with the exchange's correlation id once there is one. */
    private static ProxyResponse problem(ProxyContext ctx, Problem problem) {
        Exchange ex = ctx.get(Exchange.KEY, Exchange.class);
        Problem answered = ex == null ? problem : problem.withCorrelationId(ex.correlationId);
        ProxyResponse response = ctx.request().release().response().setStatusCode(problem.status());
        response.setBody(bufferBody(Buffer.buffer(answered.json()), Problem.MEDIA_TYPE));
        return response;
    }

    private static Body bufferBody(Buffer buffer, @Nullable String mediaType) {
        Body plain = Body.body(buffer);
        return new Body() {
            @Override
            public @Nullable String mediaType() {
                return mediaType;
            }

            @Override
            public long length() {
                return buffer.length();
            }

            @Override
            public ReadStream<Buffer> stream() {
                return plain.stream();
            }
        };
    }
}
