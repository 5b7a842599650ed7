package dev.strangler.proxy.route;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the append-only audit log.
 *
 * @param at when the change took effect on this replica
 * @param who the admin caller, {@code slo-watch} for automatic rollbacks, or {@code replica:<id>} for changes
 *            received from another replica
 * @param why the reason the caller gave
 * @param routeId the changed route
 * @param tableVersion the table version the change produced
 * @param before the route before (null when created)
 * @param after the route after
 */
public record AuditEntry(Instant at, String who, String why, String routeId, long tableVersion,
                         @Nullable Route before, @Nullable Route after) {
}
