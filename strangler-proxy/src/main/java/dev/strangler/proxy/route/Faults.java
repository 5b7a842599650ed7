package dev.strangler.proxy.route;

/**
 * Faults the proxy injects into a route's extracted side, for chaos drills ({@code strangler chaos latency|errors}):
 * the answers callers get from the new service turn slow or fail, exactly as if the service misbehaved, so the SLO
 * watch and the playbook's gates react as they would in production. Part of the route, so it is versioned, audited,
 * persisted and shared by every replica like any other change, and undone by setting it back to {@link #NONE}.
 * Requests the legacy side serves, and shadow copies, are never touched.
 *
 * @param latencyMillis added before the request goes to the extracted upstream, 0..60000
 * @param errorPercent share of extracted-side requests answered 503 by the proxy without reaching the upstream,
 *                     0..100
 */
public record Faults(int latencyMillis, int errorPercent) {

    public static final Faults NONE = new Faults(0, 0);

    public boolean any() {
        return latencyMillis > 0 || errorPercent > 0;
    }
}
