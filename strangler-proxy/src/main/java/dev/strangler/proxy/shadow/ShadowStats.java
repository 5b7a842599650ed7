package dev.strangler.proxy.shadow;

import java.util.List;

/**
 * A route's shadow comparison so far (since the proxy started).
 *
 * @param routeId the route
 * @param compared comparisons made: mirrors the extracted service answered
 * @param differing comparisons that found a difference
 * @param diffRate differing / compared, 0 when nothing was compared: correctness only, failed mirrors left out
 * @param failed mirrors the extracted service did not answer (connect error, timeout): not compared, so neither a
 *               difference nor a match
 * @param failureRate failed / (compared + failed), 0 when nothing was mirrored
 * @param skipped mirrors not sent or not compared (unsafe method without dry-run, body over the cap)
 * @param samples the last differing samples, newest last
 */
public record ShadowStats(String routeId, long compared, long differing, double diffRate, long failed,
                          double failureRate, long skipped, List<DiffSample> samples) {
}
