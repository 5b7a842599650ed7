package dev.strangler.proxy.dashboard;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CDC bridge's state as far as moving a route is concerned.
 *
 * @param reachable whether the bridge answered; when not, {@code error} says why and the other figures are empty
 * @param ready healthy, lag within the threshold, no dead letters, and the last reconciliation found no mismatch
 * @param lagMillis the worst current lag across the table pairs' directions
 * @param deadLetters records the bridge could not apply
 * @param reconciled whether every table pair has been reconciled
 * @param mismatches what the last reconciliations found, all pairs together
 * @param reconciledAt when the oldest of them ran
 * @param writeOwner which side owns each table pair's writes (each pair's name and owner, comma-separated)
 * @param problems the bridge's own list of problems, plus ours (why not ready)
 */
public record CdcReadiness(boolean reachable, boolean ready, long lagMillis, long deadLetters, boolean reconciled,
                           long mismatches, @Nullable String reconciledAt, @Nullable String writeOwner,
                           List<String> problems, @Nullable String error) {

    static CdcReadiness unreachable(String error) {
        return new CdcReadiness(false, false, 0, 0, false, 0, null, null, List.of(), error);
    }
}
