package dev.strangler.proxy.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An immutable, compiled snapshot of the route table. The data plane reads one snapshot per request through a
 * volatile reference, so a change never shows a request half of the old table and half of the new one, and
 * in-flight requests finish with the route they started with.
 */
public final class RouteTable {

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private final RouteTableDocument document;
    private final List<Compiled> lookupOrder;

    private record Compiled(Route route, PathPattern pattern) {
    }

    public RouteTable(RouteTableDocument document) {
        this.document = document;
        List<Compiled> compiled = new ArrayList<>();
        for (Route route : document.routes()) {
            compiled.add(new Compiled(route, PARSER.parse(route.path())));
        }
        // most specific pattern first; on equal patterns a route naming its methods beats a catch-all one
        compiled.sort(Comparator.<Compiled, PathPattern>comparing(Compiled::pattern, PathPattern.SPECIFICITY_COMPARATOR)
                .thenComparing(c -> c.route().methods().isEmpty()));
        this.lookupOrder = List.copyOf(compiled);
    }

    public RouteTableDocument document() {
        return document;
    }

    public long version() {
        return document.version();
    }

    public List<Route> routes() {
        return document.routes();
    }

    public Optional<Route> route(String id) {
        return document.routes().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The route that takes {@code method} on {@code path} (no query string), or null when none does. */
    public @Nullable Route match(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Compiled c : lookupOrder) {
            if (c.route().takes(method) && c.pattern().matches(container)) {
                return c.route();
            }
        }
        return null;
    }
}
