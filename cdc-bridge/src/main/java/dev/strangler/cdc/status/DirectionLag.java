package dev.strangler.cdc.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far behind its source a direction is, measured where a change can wait. The applier's lag alone sees only what
 * reached Kafka: while the broker is gone it receives nothing and says 0 (148 rows waited unsynced for 58 s that
 * way). So the source side counts too: the capture's oldest change not yet acknowledged by Kafka, and how long the
 * slot's confirmed position has stood still while WAL waited (not during a snapshot, which holds the slot's position
 * until its last row by design; the capture's age covers that time). The direction's lag is the largest.
 *
 * @param applyMs the oldest change polled from Kafka and not yet applied
 * @param captureMs the oldest change received from Debezium and not yet acknowledged by Kafka
 * @param slotMs how long unconfirmed WAL has waited with the slot's confirmed position standing still
 */
public record DirectionLag(long applyMs, long captureMs, long slotMs) {

    public static DirectionLag of(Direction d) {
        return new DirectionLag(d.applier().stats().currentLagMs(), d.captured().unacknowledgedMs(),
                d.captured().snapshotCompleted() ? d.slot().last().stalledMs() : 0);
    }

    /** The direction's lag: the largest of the three. */
    public long ms() {
        return Math.max(applyMs, Math.max(captureMs, slotMs));
    }

    /** The gauge {@code strangler.cdc.lag.current} of a direction: this lag, not only the applier's. */
    public static void register(Direction d, MeterRegistry meters) {
        Gauge.builder("strangler.cdc.lag.current", d, direction -> of(direction).ms()).tag("direction", d.name()).tag("table", d.pair())
                .baseUnit("milliseconds").description("How long the direction's oldest unapplied change has waited")
                .register(meters);
    }

    @Override
    public String toString() {
        return ms() + " ms (apply " + applyMs + ", capture " + captureMs + ", slot " + slotMs + ")";
    }
}
