package dev.strangler.support.observation;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The caller's correlation id for every log line: {@code correlationId} in the MDC from {@code X-Correlation-Id} (the
 * proxy sets one), or the trace id when the caller sent none, echoed in the response. Trace and span ids are not ours
 * to make: the tracer continues the caller's {@code traceparent} (or starts a trace) in Boot's observation filter,
 * which runs just before this one and puts {@code traceId}/{@code spanId} in the MDC. The response carries the server
 * span's {@code traceparent} so a caller can find the trace.
 *
 * <p>With a {@link RequestLog}, one line per request under its paths: method, path, status and time, never a body and
 * never a query string, so neither card fields nor personal data reach the log. Each application registers it as a
 * bean, naming its own request log.
 */
// inside ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1): its span is already current here
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public final class CorrelationFilter extends OncePerRequestFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /**
     * Which requests are logged, and where.
     *
     * @param logger the logger's name ({@code dev.strangler.payments.requests})
     * @param pathPrefixes the paths logged ({@code /api/}); none: no line at all
     */
    public record RequestLog(String logger, List<String> pathPrefixes) {

        public static final RequestLog NONE = new RequestLog("dev.strangler.requests", List.of());

        public RequestLog {
            pathPrefixes = List.copyOf(pathPrefixes);
        }

        public static RequestLog of(String logger, String... pathPrefixes) {
            return new RequestLog(logger, List.of(pathPrefixes));
        }

        boolean logs(String path) {
            for (String prefix : pathPrefixes) {
                if (path.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Tracer tracer;
    private final RequestLog requests;
    private final Logger log;

    public CorrelationFilter(Tracer tracer, RequestLog requests) {
        this.tracer = tracer;
        this.requests = requests;
        this.log = LoggerFactory.getLogger(requests.logger());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext trace = currentTrace();
        if (trace != null) {
            response.setHeader("traceparent", "00-" + trace.traceId() + "-" + trace.spanId()
                    + (Boolean.TRUE.equals(trace.sampled()) ? "-01" : "-00"));
        }
        String correlation = request.getHeader("X-Correlation-Id");
        if (correlation == null || !SAFE_ID.matcher(correlation).matches()) {
            // no tracer (tracing switched off): still one id to find the request's lines by
            correlation = trace != null ? trace.traceId() : UUID.randomUUID().toString().replace("-", "");
        }
        response.setHeader("X-Correlation-Id", correlation);
        MDC.put("correlationId", correlation);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (requests.logs(request.getRequestURI())) {
                log.info("{} {} -> {} in {} ms{}", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000,
                        request.getHeader("X-Strangler-Shadow") == null ? "" : " (dry-run)");
            }
            MDC.remove("correlationId");
        }
    }

    private @Nullable TraceContext currentTrace() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop() || span.context().traceId().isEmpty()) {
            return null;
        }
        return span.context();
    }
}
