package dev.strangler.proxy.dashboard;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(properties.cdcStatusUrl())
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

    CdcReadiness summarise(JsonNode status) {
        long lag = 0;
        for (JsonNode direction : status.path("directions")) {
            // the direction's lag counts the source side too (a bridge before it had only the applier's)
            lag = Math.max(lag, Math.max(direction.path("lagMs").asLong(), direction.path("apply").path("lagMs")
                    .asLong()));
        }
        long deadLetters = status.path("deadLetters").path("count").asLong();
        JsonNode reconcile = status.path("reconcile");
        boolean reconciled = reconcile.path("ran").asBoolean();
        long mismatches = reconcile.path("mismatches").asLong();
        List<String> problems = new ArrayList<>();
        status.path("problems").forEach(p -> problems.add(p.asString()));
        if (lag > properties.readyLagMillis()) {
            problems.add("lag " + lag + " ms is above " + properties.readyLagMillis() + " ms");
        }
        if (deadLetters > 0) {
            problems.add(deadLetters + " dead letters");
        }
        if (!reconciled) {
            problems.add("no reconciliation yet");
        } else if (mismatches > 0) {
            problems.add("last reconciliation found " + mismatches + " mismatches");
        }
        boolean healthy = status.path("healthy").asBoolean();
        String writeOwner = status.path("writeOwner").path("owner").asString(null);
        String at = reconciled ? reconcile.path("at").asString(null) : null;
        return new CdcReadiness(true, healthy && problems.isEmpty(), lag, deadLetters, reconciled, mismatches, at,
                writeOwner, List.copyOf(problems), null);
    }
}
