package dev.strangler.proxy.dashboard;

import dev.strangler.extraction.Extractions;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/dashboard}: per route, the link to its traces and, for routes whose data the CDC bridge syncs,
 * whether that data is ready; behind the admin token like the rest of {@code /admin}.
 */
@RestController
class DashboardController {

    private final DashboardProperties properties;
    private final CdcStatusClient cdc;
    private final RouteStore routes;
    private final Clock clock;
    /** The routes of extractions whose data the bridge carries, when {@code proxy.dashboard.cdc-routes} is empty. */
    private final Set<String> cdcRoutes;

    DashboardController(DashboardProperties properties, CdcStatusClient cdc, RouteStore routes, Clock clock,
            Extractions extractions) {
        this.properties = properties;
        Set<String> synced = new HashSet<>();
        extractions.all().stream().filter(e -> !e.data().isEmpty())
                .forEach(e -> e.routes().forEach(r -> synced.add(r.id())));
        this.cdcRoutes = Set.copyOf(synced);
        this.cdc = cdc;
        this.routes = routes;
        this.clock = clock;
    }

    record RouteContext(String tracesUrl, boolean syncedByCdc) {
    }

    record Dashboard(String tracesUrl, CdcReadiness cdc, Map<String, RouteContext> routes) {
    }

    @GetMapping(path = "/admin/dashboard", produces = "application/json")
    Dashboard dashboard() {
        Instant now = clock.instant();
        Map<String, RouteContext> perRoute = new LinkedHashMap<>();
        for (Route route : routes.current().routes()) {
            perRoute.put(route.id(), new RouteContext(properties.tracesOf(route.id(), now), syncedByCdc(route.id())));
        }
        return new Dashboard(properties.tracesUrl() == null ? "" : properties.tracesUrl().toString(), cdc.readiness(),
                perRoute);
    }

    private boolean syncedByCdc(String routeId) {
        return properties.cdcRoutes().isEmpty() ? cdcRoutes.contains(routeId) : properties.syncedByCdc(routeId);
    }
}
