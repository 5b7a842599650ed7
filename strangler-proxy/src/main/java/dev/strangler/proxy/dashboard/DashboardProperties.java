package dev.strangler.proxy.dashboard;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dashboard's neighbours ({@code proxy.dashboard.*}).
 *
 * @param tracesUrl the trace UI (Zipkin Lens); each route links to its traces there (unset: no links)
 * @param cdcStatusUrl the CDC bridge's status document (unset: the data's readiness shows as unknown)
 * @param cdcRoutes ids of routes whose data the bridge keeps in sync ({@code *} at the end matches a prefix); empty:
 *                  every route of an extraction whose descriptor has table pairs
 * @param readyLagMillis the most CDC lag at which the data counts as ready to move a route
 */
@ConfigurationProperties("proxy.dashboard")
@Validated
public record DashboardProperties(
        @Nullable URI tracesUrl,
        @Nullable URI cdcStatusUrl,
        @DefaultValue("") @NotNull List<String> cdcRoutes,
        @DefaultValue("5000") @Min(0) long readyLagMillis) {

    /** The proxy's service name in traces, and the tag its spans carry the route id in. */
    static final String SERVICE = "strangler-proxy";
    static final String ROUTE_TAG = "proxy.route";

    /** Whether the bridge keeps this route's data in sync. */
    public boolean syncedByCdc(String routeId) {
        for (String pattern : cdcRoutes) {
            boolean matches = pattern.endsWith("*")
                    ? routeId.startsWith(pattern.substring(0, pattern.length() - 1))
                    : routeId.equals(pattern);
            if (matches) {
                return true;
            }
        }
        return false;
    }

    /**
     * Zipkin Lens' search for the proxy's spans of one route over the quarter hour before {@code now}; Lens runs a
     * search from its address only when it names the end of the window.
     */
    public String tracesOf(String routeId, Instant now) {
        if (tracesUrl == null) {
            return "";
        }
        String base = tracesUrl.toString();
        return base + (base.contains("?") ? "&" : "?") + "serviceName=" + SERVICE + "&annotationQuery="
                + URLEncoder.encode(ROUTE_TAG + "=" + routeId, StandardCharsets.UTF_8) + "&lookback=15m&endTs="
                + now.toEpochMilli() + "&limit=10";
    }
}
