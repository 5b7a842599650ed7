package dev.strangler.cdc.status;

import dev.strangler.cdc.apply.ChangeApplier;
import dev.strangler.cdc.capture.CaptureEngine;
import dev.strangler.cdc.capture.CaptureStats;

/** One direction of the bridge: its capture, what the capture published, its applier and its slot. */
public record Direction(String name, CaptureEngine capture, CaptureStats captured, ChangeApplier applier,
                        SlotMonitor slot) {
}
