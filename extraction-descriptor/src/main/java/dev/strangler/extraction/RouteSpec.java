package dev.strangler.extraction;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A proxy route of an extraction, with every default filled in: the proxy builds its default route table from these
 * (stage LEGACY, upstreams resolved by service name).
 *
 * @param path    a Spring {@code PathPattern}
 * @param methods upper case; empty means every method
 * @param reason  shown in the route table for the default stage
 */
public record RouteSpec(String id, String path, List<String> methods, @Nullable String reason, Timeouts timeouts,
                        Shadow shadow, Slo slo) {

    public RouteSpec {
        methods = List.copyOf(methods);
    }

    /**
     * The path's fixed beginning, before any wildcard or variable: {@code /api/payments/**} gives
     * {@code /api/payments}. Where the route's rows live: a load reads {@code <prefix>/<id>}, a create posts to it.
     */
    public String pathPrefix() {
        String p = path;
        int wildcard = p.indexOf('*');
        if (wildcard >= 0) {
            p = p.substring(0, wildcard);
        }
        int variable = p.indexOf('{');
        if (variable >= 0) {
            p = p.substring(0, variable);
        }
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    /** Whether the route takes only reads (GET, HEAD). */
    public boolean readOnly() {
        return !methods.isEmpty() && methods.stream().allMatch(m -> m.equals("GET") || m.equals("HEAD"));
    }

    /** Upstream timeouts; see the proxy's README. */
    public record Timeouts(int connectMillis, int responseMillis, int legacyConnectRetryMillis) {

        public static final Timeouts DEFAULT = new Timeouts(1_000, 10_000, 30_000);
    }

    /**
     * How shadow answers are compared.
     *
     * @param dryRun              the extracted service supports dry runs: only then are writes mirrored
     * @param notComparedStatuses legacy answers with these statuses are not compared (a party outside both services
     *                            decided them, e.g. 402 from a payment gateway a dry run never asks)
     */
    public record Shadow(boolean dryRun, List<String> ignorePaths, double numericTolerance, boolean ignoreArrayOrder,
                         List<String> headers, int samples, List<Integer> notComparedStatuses) {

        public static final Shadow DEFAULT = new Shadow(false, List.of(), 0.0, false, List.of("content-type"), 20,
                List.of());

        public Shadow {
            ignorePaths = List.copyOf(ignorePaths);
            headers = List.copyOf(headers);
            notComparedStatuses = List.copyOf(notComparedStatuses);
        }
    }

    /** When the proxy rolls a route back by itself. */
    public record Slo(int windowSeconds, int minSamples, double maxErrorRate, long maxP99Millis,
                      double maxP99VsLegacy) {

        public static final Slo DEFAULT = new Slo(10, 20, 0.05, 1_000, 0.0);
    }
}
