package dev.strangler.extraction;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One extraction, as its descriptor says: where the capability lives ({@link #legacy()}) and where it goes
 * ({@link #extracted()}), the proxy routes that move, the table pairs the CDC bridge keeps in step, what the analysis
 * looks at, the playbook's steps and gates, and (optionally) where sensitive data may be.
 *
 * @param file where it was read from: problems found later (against the live schemas) name it
 */
public record Extraction(String name, String description, Side legacy, Side extracted, List<RouteSpec> routes,
                         List<TablePair> data, @Nullable AnalysisSpec analysis, PlaybookSpec playbook,
                         @Nullable ScopeSpec scope, Path file) {

    public Extraction {
        routes = List.copyOf(routes);
        data = List.copyOf(data);
    }

    /**
     * One side of the extraction.
     *
     * @param service  the proxy's upstream name and the lab's component ({@code payment-service})
     * @param url      its default address; the proxy's {@code proxy.upstreams.<service>} overrides it
     * @param database the logical database the CDC bridge connects to ({@code bridge.databases.<database>.*})
     */
    public record Side(String service, @Nullable String url, String database) {
    }

    public Optional<RouteSpec> route(String id) {
        return routes.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Optional<TablePair> table(String pairName) {
        return data.stream().filter(t -> t.name().equals(pairName)).findFirst();
    }
}
