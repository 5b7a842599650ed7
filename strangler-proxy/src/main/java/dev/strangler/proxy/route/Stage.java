package dev.strangler.proxy.route;

/**
 * Where a route's traffic goes. The order is the migration's: a route moves forward one stage at a time, and
 * {@link #ROLLED_BACK} is where the SLO watch (or an operator) parks it when the extracted side misbehaves.
 */
public enum Stage {
    /** Everything to the monolith. */
    LEGACY,
    /** The monolith answers; the extracted service gets a copy whose answer is compared and thrown away. */
    SHADOW,
    /** A sticky share of callers goes to the extracted service. */
    CANARY,
    /** Everything to the extracted service; the monolith stays the rollback target. */
    EXTRACTED,
    /** Back on the monolith, with the reason kept on the route. */
    ROLLED_BACK;

    /** Whether the extracted side serves real callers in this stage, which is what the SLO watch guards. */
    public boolean servesExtracted() {
        return this == CANARY || this == EXTRACTED;
    }
}
