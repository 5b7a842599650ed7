package dev.strangler.cdc.apply;

import dev.strangler.cdc.translate.Change;
import dev.strangler.extraction.ChangeRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a change is applied to the target. Two rules, in this order:
 * <ol>
 * <li><b>Order.</b> Each row's changes are applied in source order: by WAL position, or by the version the captured side
 * counts when it keeps one (a service's optimistic version). A change at or before the last applied position is a duplicate
 * or arrived out of order: {@link Decision#STALE}, skipped.</li>
 * <li><b>Conflicts.</b> While both sides can write (canary), the target row may have been changed on the target's
 * side after the source changed it ({@code target.updated_at > change.updatedAt}). Then the side that owns the
 * rows' writes (the proxy's route stage: legacy until the route is extracted) wins; with no owner (canary) the
 * later write wins, which is the target's. The loser is counted, and reconciliation shows the row until a later
 * write settles it.</li>
 * </ol>
 */
public final class ConflictPolicy {

    /** The outcome for one change. */
    public enum Decision { APPLY, STALE, CONFLICT_LOST }

    private ConflictPolicy() {
    }

    /** The change's place in its row's history. */
    public static long position(Change change) {
        return change.position();
    }

    /**
     * @param lastApplied the position of the last change applied for this row, or null
     * @param targetUpdatedAt the target row's {@code updated_at}, or null when there is no row
     */
    public static Decision decide(Change change, @Nullable Long lastApplied, @Nullable Instant targetUpdatedAt,
            WriteOwner owner) {
        if (lastApplied != null && position(change) <= lastApplied) {
            return Decision.STALE;
        }
        if (change.op() != ChangeRecord.Op.UPSERT || targetUpdatedAt == null) {
            return Decision.APPLY;
        }
        Instant changedAt = change.updatedAt();
        if (changedAt == null || !targetUpdatedAt.isAfter(changedAt)) {
            return Decision.APPLY;
        }
        return owner.owns(change.origin()) ? Decision.APPLY : Decision.CONFLICT_LOST;
    }
}
