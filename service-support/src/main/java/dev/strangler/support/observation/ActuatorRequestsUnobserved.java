package dev.strangler.support.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Drops the HTTP server observation of requests to the actuator's endpoints: readiness polls, Prometheus scrapes and
 * {@code strangler status} would otherwise start a trace each, several a second across the lab, and bury the shop's
 * traces in Zipkin. Other observations, and the metrics of every other request, are untouched. Boot has no property
 * for this yet (spring-boot#34801); this is the predicate that issue describes.
 */
public final class ActuatorRequestsUnobserved implements ObservationPredicate {

    private final String basePath;

    /** {@code basePath}: the actuator's, {@code management.endpoints.web.base-path} ({@code /actuator}). */
    public ActuatorRequestsUnobserved(String basePath) {
        String trimmed = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        if (trimmed.isEmpty()) {
            // the actuator at the root would match every request: observe them all rather than none
            throw new IllegalArgumentException("the actuator's base path must not be the root to tell its requests apart");
        }
        this.basePath = trimmed;
    }

    @Override
    public boolean test(String name, Observation.Context context) {
        if (context instanceof ServerRequestObservationContext server) {
            return !isActuator(server.getCarrier());
        }
        return true;
    }

    private boolean isActuator(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        String path = contextPath != null && uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
        return path.equals(basePath) || path.startsWith(basePath + "/");
    }
}
