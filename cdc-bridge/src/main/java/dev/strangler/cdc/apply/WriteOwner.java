package dev.strangler.cdc.apply;

import dev.strangler.cdc.avro.ChangeOrigin;
import org.jspecify.annotations.Nullable;

/** The side whose payment writes win a conflict; {@link #NONE} while both sides take writes (canary). */
public enum WriteOwner {
    LEGACY, SERVICE, NONE;

    public boolean owns(ChangeOrigin origin) {
        return (this == LEGACY && origin == ChangeOrigin.LEGACY) || (this == SERVICE && origin == ChangeOrigin.SERVICE);
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
