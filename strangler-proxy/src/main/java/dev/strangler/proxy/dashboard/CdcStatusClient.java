package dev.strangler.proxy.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the CDC bridge's {@code /cdc/status} for the dashboard. The dashboard polls every second from every open
 * browser, so an answer is reused for a second, and a bridge that does not answer costs at most a second.
 */
@Component
class CdcStatusClient {

    private static final Duration REUSE = Duration.ofSeconds(1);

    private final DashboardProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicReference<Cached> last = new AtomicReference<>();

    private record Cached(Instant at, CdcReadiness readiness) {
    }

    CdcStatusClient(DashboardProperties properties, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    CdcReadiness readiness() {
        Instant now = clock.instant();
        Cached cached = last.get();
        if (cached != null && cached.at().plus(REUSE).isAfter(now)) {
            return cached.readiness();
        }
        CdcReadiness fresh = fetch();
        last.set(new Cached(now, fresh));
        return fresh;
    }

    private CdcReadiness fetch() {
        URI status = properties.cdcStatusUrl();
        if (status == null) {
            return CdcReadiness.unreachable("proxy.dashboard.cdc-status-url is not set");
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(status)
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return CdcReadiness.unreachable("the bridge answered " + response.statusCode());
            }
            return summarise(json.readTree(response.body()));
        } catch (IOException | JacksonException e) {
            return CdcReadiness.unreachable("no answer from " + properties.cdcStatusUrl() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CdcReadiness.unreachable("interrupted");
        }
    }

    /** One summary over every table pair the bridge serves: the worst lag, all mismatches, the oldest reconciliation. */
    CdcReadiness summarise(JsonNode status) {
        long lag = 0;
        long mismatches = 0;
        boolean reconciled = true;
        String at = null;
        List<String> owners = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        status.path("problems").forEach(p -> problems.add(p.asString()));
        for (Map.Entry<String, JsonNode> pair : status.path("pairs").properties()) {
            for (JsonNode direction : pair.getValue().path("directions")) {
                // the direction's lag counts the source side too (a bridge before it had only the applier's)
                lag = Math.max(lag, Math.max(direction.path("lagMs").asLong(), direction.path("apply").path("lagMs")
                        .asLong()));
            }
            JsonNode reconcile = pair.getValue().path("reconcile");
            if (reconcile.path("ran").asBoolean()) {
                mismatches += reconcile.path("mismatches").asLong();
                String ranAt = reconcile.path("at").asString(null);
                at = at == null || (ranAt != null && ranAt.compareTo(at) < 0) ? ranAt : at;
            } else {
                reconciled = false;
                problems.add("no reconciliation of " + pair.getKey() + " yet");
            }
            String owner = pair.getValue().path("writeOwner").path("owner").asString(null);
            if (owner != null) {
                owners.add(pair.getKey() + " " + owner);
            }
        }
        long deadLetters = status.path("deadLetters").path("count").asLong();
        if (lag > properties.readyLagMillis()) {
            problems.add("lag " + lag + " ms is above " + properties.readyLagMillis() + " ms");
        }
        if (deadLetters > 0) {
            problems.add(deadLetters + " dead letters");
        }
        if (reconciled && mismatches > 0) {
            problems.add("last reconciliation found " + mismatches + " mismatches");
        }
        boolean healthy = status.path("healthy").asBoolean();
        return new CdcReadiness(true, healthy && problems.isEmpty(), lag, deadLetters, reconciled, mismatches,
                reconciled ? at : null, owners.isEmpty() ? null : String.join(", ", owners), List.copyOf(problems),
                null);
    }
}
