package dev.strangler.proxy.route;

/**
 * When the SLO watch rolls a route back by itself. A breach needs at least {@code minSamples} extracted answers in the
 * window, so one unlucky request on a quiet route does not undo a migration.
 *
 * @param windowSeconds length of the sliding window
 * @param minSamples extracted answers needed in the window before any verdict
 * @param maxErrorRate largest tolerated share of 5xx, connect failures and timeouts, 0..1
 * @param maxP99Millis largest tolerated p99 latency of the extracted side, absolute
 * @param maxP99VsLegacy largest tolerated ratio of extracted p99 to legacy p99 in the same window (0 = off); used
 *                       only when the legacy side has {@code minSamples} answers too
 */
public record SloPolicy(int windowSeconds, int minSamples, double maxErrorRate, long maxP99Millis, double maxP99VsLegacy) {

    public static final SloPolicy DEFAULT = new SloPolicy(10, 20, 0.05, 1_000, 0.0);
}
