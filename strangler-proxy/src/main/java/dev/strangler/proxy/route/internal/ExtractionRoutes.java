package dev.strangler.proxy.route.internal;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.RouteSpec;
import dev.strangler.proxy.ProxyProperties;
import dev.strangler.proxy.route.Faults;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteTableDocument;
import dev.strangler.proxy.route.ShadowRules;
import dev.strangler.proxy.route.SloPolicy;
import dev.strangler.proxy.route.Stage;
import dev.strangler.proxy.route.Timeouts;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The default route table, built from the extraction descriptors: every route of every extraction on the monolith
 * (stage LEGACY), then a catch-all route that keeps everything else there. The proxy knows no route by heart; a
 * second extraction is one more descriptor in the directory.
 */
final class ExtractionRoutes {

    /** The catch-all route's id: requests no extraction claims. */
    static final String CATCH_ALL = "legacy";

    private ExtractionRoutes() {
    }

    static RouteTableDocument defaultTable(Extractions extractions, ProxyProperties properties) {
        List<Route> routes = new ArrayList<>();
        for (Extractions.Owned<RouteSpec> owned : extractions.routes()) {
            RouteSpec r = owned.part();
            RouteSpec.Shadow s = r.shadow();
            RouteSpec.Slo slo = r.slo();
            routes.add(new Route(r.id(), r.path(), r.methods(), properties.legacyUpstream(),
                    extractedUpstream(owned.extraction(), properties), Stage.LEGACY, 0,
                    "default table: " + (r.reason() == null ? "extraction " + owned.extraction().name() : r.reason()),
                    1, new Timeouts(r.timeouts().connectMillis(), r.timeouts().responseMillis(),
                            r.timeouts().legacyConnectRetryMillis()),
                    new ShadowRules(s.dryRun(), s.ignorePaths(), s.numericTolerance(), s.ignoreArrayOrder(),
                            s.headers(), s.samples(), s.notComparedStatuses()),
                    new SloPolicy(slo.windowSeconds(), slo.minSamples(), slo.maxErrorRate(), slo.maxP99Millis(),
                            slo.maxP99VsLegacy()),
                    Faults.NONE));
        }
        RouteSpec.Timeouts t = RouteSpec.Timeouts.DEFAULT;
        routes.add(new Route(CATCH_ALL, "/**", List.of(), properties.legacyUpstream(), null, Stage.LEGACY, 0,
                "default table: everything else stays on the monolith", 1,
                new Timeouts(t.connectMillis(), t.responseMillis(), t.legacyConnectRetryMillis()), null, null, null));
        return new RouteTableDocument(1, "default", routes);
    }

    /** {@code proxy.upstreams.<service>}, else the descriptor's default address. */
    private static URI extractedUpstream(Extraction extraction, ProxyProperties properties) {
        URI configured = properties.upstreams().get(extraction.extracted().service());
        if (configured != null) {
            return configured;
        }
        if (extraction.extracted().url() == null) {
            throw new IllegalStateException("no address for " + extraction.extracted().service() + " (extraction "
                    + extraction.name() + "): set proxy.upstreams." + extraction.extracted().service()
                    + " or extracted.url in " + extraction.file());
        }
        return URI.create(extraction.extracted().url());
    }
}
