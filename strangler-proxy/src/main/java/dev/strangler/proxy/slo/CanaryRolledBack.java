package dev.strangler.proxy.slo;

import java.time.Instant;

/** Published (as a Spring event) when the SLO watch rolled a route back by itself. */
public record CanaryRolledBack(String routeId, String reason, Instant at) {
}
