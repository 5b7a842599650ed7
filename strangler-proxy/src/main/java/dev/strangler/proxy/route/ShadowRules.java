package dev.strangler.proxy.route;

import java.util.List;

/**
 * How shadow answers are compared on one route, and whether unsafe requests may be mirrored.
 *
 * @param dryRun the extracted service declares dry-run support ({@code X-Strangler-Shadow: dry-run}): validate and
 *               compute, persist nothing, call no gateway. Only then are POST/PUT/PATCH/DELETE mirrored.
 * @param ignorePaths JSON paths whose values are noise, such as {@code $.id}, {@code $.createdAt} or
 *                    {@code $.items[*].id}
 * @param numericTolerance numbers closer than this count as equal (money as 12.5 vs 12.50, rounding)
 * @param ignoreArrayOrder compare arrays as multisets
 * @param headers response headers whose values must match (names, case-insensitive)
 * @param samples how many differing samples to keep
 * @param notComparedStatuses legacy answers to mirrored writes with these statuses are neither a match nor a
 *                            difference: a party outside both services decided them, which a dry run never asks (402
 *                            from a gateway that declined a card)
 */
public record ShadowRules(boolean dryRun, List<String> ignorePaths, double numericTolerance, boolean ignoreArrayOrder,
                          List<String> headers, int samples, List<Integer> notComparedStatuses) {

    public static final ShadowRules DEFAULT = new ShadowRules(false, List.of(), 0.0, false, List.of("content-type"), 20,
            List.of());

    public ShadowRules {
        ignorePaths = ignorePaths == null ? List.of() : List.copyOf(ignorePaths);
        headers = headers == null ? List.of() : List.copyOf(headers);
        notComparedStatuses = notComparedStatuses == null ? List.of() : List.copyOf(notComparedStatuses);
        samples = samples == 0 ? 20 : samples;
    }
}
