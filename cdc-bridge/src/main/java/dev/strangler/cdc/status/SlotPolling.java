package dev.strangler.cdc.status;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reads the replication slots every few seconds for the gauge and the health warnings. */
@Component
class SlotPolling {

    private final BridgeStatus status;

    SlotPolling(BridgeStatus status) {
        this.status = status;
    }

    @Scheduled(fixedDelayString = "${bridge.health.slot-poll:5s}")
    void poll() {
        status.directions().forEach(d -> d.slot().read());
    }
}
