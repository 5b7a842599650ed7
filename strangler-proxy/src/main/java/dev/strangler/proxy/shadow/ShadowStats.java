package dev.strangler.proxy.shadow;

import java.util.List;

/**
 * A route's shadow comparison so far (since the proxy started).
 *
 * @param routeId the route
 * @param compared comparisons made
 * @param differing comparisons that found a difference
 * @param diffRate differing / compared, 0 when nothing was compared
 * @param skipped mirrors not sent or not compared (unsafe method without dry-run, body over the cap)
 * @param samples the last differing samples, newest last
 */
public record ShadowStats(String routeId, long compared, long differing, double diffRate, long skipped,
                          List<DiffSample> samples) {
}
