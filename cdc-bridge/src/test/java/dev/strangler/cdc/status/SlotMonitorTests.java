package dev.strangler.cdc.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.cdc.status.SlotMonitor.Reading;
import org.junit.jupiter.api.Test;

/** The slot's stall: how long unconfirmed WAL has waited while the confirmed position stood still. */
class SlotMonitorTests {

    @Test
    void theStallLastsWhileWalWaitsAndTheConfirmedPositionStandsStill() {
        Reading first = Reading.NONE.next(true, 100, 40, 1_000, 10_000);
        assertThat(first.stalledSinceMs()).isEqualTo(10_000);

        Reading still = first.next(true, 200, 140, 1_000, 15_000);
        assertThat(still.stalledSinceMs()).as("confirmed did not move").isEqualTo(10_000);

        Reading moved = still.next(true, 200, 60, 1_080, 20_000);
        assertThat(moved.stalledSinceMs()).as("confirmed moved: the clock starts again").isEqualTo(20_000);

        Reading confirmedAll = moved.next(true, 200, 0, 1_140, 25_000);
        assertThat(confirmedAll.stalledSinceMs()).isZero();
        assertThat(confirmedAll.stalledMs()).isZero();
    }
}
