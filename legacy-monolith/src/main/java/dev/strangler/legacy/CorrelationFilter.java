package dev.strangler.legacy;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The caller's correlation id for every log line: {@code correlationId} in the MDC from {@code X-Correlation-Id}
 * (the proxy sets one), or the trace id when there is none, echoed in the response. Trace and span ids come from
 * the tracer, which continues the caller's {@code traceparent} in Boot's observation filter just before this one;
 * the response carries the server span's {@code traceparent} so a caller can find the trace.
 */
@Component
// inside ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1): its span is already current here
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class CorrelationFilter extends OncePerRequestFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final Tracer tracer;

    CorrelationFilter(Tracer tracer) {
        this.tracer = tracer;
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
        try {
            chain.doFilter(request, response);
        } finally {
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
