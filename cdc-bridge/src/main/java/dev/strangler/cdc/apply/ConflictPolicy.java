package dev.strangler.cdc.apply;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a change is applied to the target. Two rules, in this order:
 * <ol>
 * <li><b>Order.</b> Each payment's changes are applied in source order: by WAL position for monolith changes, by the
 * service's optimistic version for service changes. A change at or before the last applied position is a duplicate
 * or arrived out of order: {@link Decision#STALE}, skipped.</li>
 * <li><b>Conflicts.</b> While both sides can write (canary), the target row may have been changed on the target's
 * side after the source changed it ({@code target.updated_at > change.updatedAt}). Then the side that owns the
 * payment writes (the proxy's route stage: legacy until the route is extracted) wins; with no owner (canary) the
 * later write wins, which is the target's. The loser is counted, and reconciliation shows the row until a later
 * write settles it.</li>
 * </ol>
 */
public final class ConflictPolicy {

    /** The outcome for one change. */
    public enum Decision { APPLY, STALE, CONFLICT_LOST }

    private ConflictPolicy() {
    }

    /** The change's place in its payment's history. */
    public static long position(PaymentChange change) {
        if (change.getOrigin() == ChangeOrigin.SERVICE && change.getVersion() != null) {
            return change.getVersion();
        }
        return change.getSourceLsn();
    }

    /**
     * @param lastApplied the position of the last change applied for this payment, or null
     * @param targetUpdatedAt the target row's {@code updated_at}, or null when there is no row
     */
    public static Decision decide(PaymentChange change, @Nullable Long lastApplied, @Nullable Instant targetUpdatedAt,
            WriteOwner owner) {
        if (lastApplied != null && position(change) <= lastApplied) {
            return Decision.STALE;
        }
        if (change.getOp() != ChangeOp.UPSERT || targetUpdatedAt == null || change.getUpdatedAt() == null) {
            return Decision.APPLY;
        }
        if (!targetUpdatedAt.isAfter(change.getUpdatedAt())) {
            return Decision.APPLY;
        }
        return owner.owns(change.getOrigin()) ? Decision.APPLY : Decision.CONFLICT_LOST;
    }
}
