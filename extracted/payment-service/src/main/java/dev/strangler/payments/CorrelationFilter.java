package dev.strangler.payments;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the caller's correlation into the MDC for every log line and outbox row: {@code traceId} from a W3C
 * {@code traceparent} (or a new one), {@code correlationId} from {@code X-Correlation-Id} (or the trace id). Echoes
 * both back. Logs one line per API request with method, path, status and time: never a body, never a query
 * string, so card fields cannot reach the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("dev.strangler.payments.requests");
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceparent = request.getHeader("traceparent");
        String traceId = null;
        if (traceparent != null) {
            Matcher m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches()) {
                traceId = m.group(1);
            }
        }
        if (traceId == null) {
            traceId = UUID.randomUUID().toString().replace("-", "");
            response.setHeader("traceparent", "00-" + traceId + "-" + traceId.substring(0, 16) + "-01");
        } else {
            response.setHeader("traceparent", traceparent.trim());
        }
        String correlation = request.getHeader("X-Correlation-Id");
        if (correlation == null || !SAFE_ID.matcher(correlation).matches()) {
            correlation = traceId;
        }
        response.setHeader("X-Correlation-Id", correlation);
        MDC.put("traceId", traceId);
        MDC.put("correlationId", correlation);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/internal/")) {
                log.info("{} {} -> {} in {} ms{}", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000,
                        request.getHeader("X-Strangler-Shadow") == null ? "" : " (dry-run)");
            }
            MDC.remove("traceId");
            MDC.remove("correlationId");
        }
    }
}
