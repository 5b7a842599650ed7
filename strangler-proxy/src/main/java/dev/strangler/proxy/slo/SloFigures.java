package dev.strangler.proxy.slo;

import dev.strangler.proxy.route.Stage;

/**
 * One route's current window, as the admin API and the dashboard show it.
 *
 * @param routeId the route
 * @param stage its stage
 * @param windowSeconds the window the figures cover
 * @param extracted the extracted side's answers, errors and p99
 * @param legacy the legacy side's, for comparison
 * @param extractedShare share of answered requests the extracted side served, 0..1
 */
public record SloFigures(String routeId, Stage stage, int windowSeconds, SideFigures extracted, SideFigures legacy,
                         double extractedShare) {

    /** Figures of one side. */
    public record SideFigures(long requests, long errors, double errorRate, double p99Millis) {
    }
}
