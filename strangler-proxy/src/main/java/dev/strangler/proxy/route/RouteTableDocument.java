package dev.strangler.proxy.route;

import java.util.List;

/**
 * The whole route table as it is stored in the file and carried on the Kafka topic: replicas keep the document with
 * the highest version (ties: the larger {@code origin}, so every replica picks the same one).
 *
 * @param version bumped by every change of any route
 * @param origin the replica that made the last change
 * @param routes in matching order of precedence ties (more specific patterns win anyway)
 */
public record RouteTableDocument(long version, String origin, List<Route> routes) {

    public RouteTableDocument {
        routes = routes == null ? List.of() : List.copyOf(routes);
        origin = origin == null ? "" : origin;
    }

    /** Whether this document should replace {@code other} on a replica that holds {@code other}. */
    public boolean supersedes(RouteTableDocument other) {
        return version > other.version || (version == other.version && origin.compareTo(other.origin) > 0);
    }
}
