package dev.strangler.cdc.status;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cdc/status}: captures, appliers, slots, dead letters, write owner, last reconciliation. */
@RestController
class StatusController {

    private final BridgeStatus status;

    StatusController(BridgeStatus status) {
        this.status = status;
    }

    @GetMapping(path = "/cdc/status", produces = "application/json")
    Map<String, Object> status() {
        return status.document();
    }
}
