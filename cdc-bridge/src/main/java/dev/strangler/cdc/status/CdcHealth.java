package dev.strangler.cdc.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code cdc} health: DOWN when a capture has failed or a change has waited longer than the lag threshold;
 * warnings (a slot retaining much WAL, a reconciliation that found mismatches) are details, not an outage.
 */
@Component("cdc")
class CdcHealth implements HealthIndicator {

    private final BridgeStatus status;

    CdcHealth(BridgeStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        Health.Builder builder = status.problems().isEmpty() ? Health.up() : Health.down();
        return builder.withDetails(status.document()).build();
    }
}
