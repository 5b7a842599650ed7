package dev.strangler.cdc.apply;

import dev.strangler.extraction.ChangeRecord.Origin;
import org.jspecify.annotations.Nullable;

/** The side whose writes of a table pair's rows win a conflict; {@link #NONE} while both sides take writes (canary). */
public enum WriteOwner {
    LEGACY, SERVICE, NONE;

    public boolean owns(Origin origin) {
        return (this == LEGACY && origin == Origin.LEGACY) || (this == SERVICE && origin == Origin.SERVICE);
    }

    /** The owner for a proxy route stage: the side that serves the route's writes. */
    public static WriteOwner forStage(@Nullable String stage) {
        if (stage == null) {
            return LEGACY;
        }
        return switch (stage) {
            case "EXTRACTED" -> SERVICE;
            case "CANARY" -> NONE;
            default -> LEGACY; // LEGACY, SHADOW (the shadow copy is a dry run), ROLLED_BACK
        };
    }
}
