package dev.strangler.cdc.status;

import dev.strangler.cdc.apply.ChangeApplier;
import dev.strangler.cdc.capture.CaptureEngine;
import dev.strangler.cdc.capture.CaptureStats;

/**
 * One direction of one table pair: its capture, what the capture published, its applier and its slot.
 *
 * @param pair the table pair's name (from its extraction descriptor)
 * @param name {@code legacy-to-service} or {@code service-to-legacy}
 */
public record Direction(String pair, String name, CaptureEngine capture, CaptureStats captured, ChangeApplier applier,
                        SlotMonitor slot) {
}
