package dev.strangler.cdc.apply;

import java.util.Locale;
import java.util.function.Supplier;
import dev.strangler.extraction.TablePair;
import org.jspecify.annotations.Nullable;

/**
 * Who owns a table pair's writes: fixed by configuration, by the pair's conflict policy, or following the stage of
 * its owner route in the proxy's route table.
 *
 * @param route the route whose stage decides, or null when the owner is fixed
 */
public record PairOwner(Supplier<WriteOwner> owner, @Nullable String route, RouteOwnership routes) {

    /**
     * @param configured {@code AUTO} (the descriptor's policy) or a {@link WriteOwner} for every pair
     */
    public static PairOwner of(TablePair pair, String configured, RouteOwnership routes) {
        String c = configured.trim().toUpperCase(Locale.ROOT);
        if (!c.equals("AUTO")) {
            WriteOwner fixed = WriteOwner.valueOf(c);
            return new PairOwner(() -> fixed, null, routes);
        }
        return switch (pair.conflict()) {
            case ROUTE_OWNER -> pair.ownerRoute() == null ? new PairOwner(() -> WriteOwner.LEGACY, null, routes)
                    : new PairOwner(routes.owner(pair.ownerRoute()), pair.ownerRoute(), routes);
            case LEGACY_WINS -> new PairOwner(() -> WriteOwner.LEGACY, null, routes);
            case EXTRACTED_WINS -> new PairOwner(() -> WriteOwner.SERVICE, null, routes);
            case LATEST_WINS -> new PairOwner(() -> WriteOwner.NONE, null, routes);
        };
    }

    /** The owner route's stage as last read, or null (no route, or no route table yet). */
    public @Nullable String stage() {
        return route == null ? null : routes.stage(route);
    }
}
