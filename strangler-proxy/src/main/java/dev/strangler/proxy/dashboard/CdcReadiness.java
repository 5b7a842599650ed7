package dev.strangler.proxy.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CDC bridge's state as far as moving a route is concerned.
 *
 * @param reachable whether the bridge answered; when not, {@code error} says why and the other figures are empty
 * @param ready healthy, lag within the threshold, no dead letters, and the last reconciliation found no mismatch
 * @param lagMillis the worst current lag across directions
 * @param deadLetters records the bridge could not apply
 * @param reconciled whether a reconciliation has run
 * @param mismatches what the last reconciliation found
 * @param reconciledAt when it ran
 * @param writeOwner which side owns the extraction's writes
 * @param problems the bridge's own list of problems, plus ours (why not ready)
 */
public record CdcReadiness(boolean reachable, boolean ready, long lagMillis, long deadLetters, boolean reconciled,
                           long mismatches, @Nullable String reconciledAt, @Nullable String writeOwner,
                           List<String> problems, @Nullable String error) {

    static CdcReadiness unreachable(String error) {
        return new CdcReadiness(false, false, 0, 0, false, 0, null, null, List.of(), error);
    }
}
