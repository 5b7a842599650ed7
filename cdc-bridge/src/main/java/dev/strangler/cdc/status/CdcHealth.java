package dev.strangler.cdc.status;

import dev.strangler.cdc.status.BridgeStatus.Report;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code cdc} health, part of readiness: DOWN when changes do not get through (see {@link BridgeStatus}),
 * DEGRADED while dead letters wait on their topic. DEGRADED is ordered between DOWN and UP and answers HTTP 200
 * ({@code management.endpoint.health.status.*} in application.properties): the bridge works and must not be
 * restarted or taken out of service for it, but someone has records to replay. Warnings (a slot retaining much WAL, a
 * reconciliation that found mismatches) are details, not an outage.
 */
@Component("cdc")
class CdcHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "changes get through, but dead letters wait to be replayed");

    private final BridgeStatus status;

    CdcHealth(BridgeStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        Report report = status.report();
        Status health = switch (report.condition()) {
            case DOWN -> Status.DOWN;
            case DEGRADED -> DEGRADED;
            case UP -> Status.UP;
        };
        return Health.status(health).withDetails(report.document()).build();
    }
}
