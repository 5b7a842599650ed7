package dev.strangler.playbook.playbook.internal;

import dev.strangler.extraction.RouteSpec;
import dev.strangler.playbook.lab.LabComponent;
import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gate: the extracted service (the descriptor's {@code extracted.service}, a lab component of that name) answers
 * its readiness probe, and its API answers a read of a row no one has with 404, as the monolith does.
 */
public final class ServiceHealthyStep implements Step {

    /** An id no row has: the service must say 404 (a problem), not 500. */
    static final long UNKNOWN_ID = 999_999_999_999L;

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Check that " + playbook.extraction().extracted().service() + " is ready and answers its API."
                + " Changes nothing.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        String service = playbook.extraction().extracted().service();
        LabComponent component = LabComponents.standard(context.layout(), context.ports()).stream()
                .filter(c -> c.name().equals(service)).findFirst().orElse(null);
        if (component == null) {
            return StepOutcome.failed("the lab has no component '" + service + "' (the descriptor's"
                    + " extracted.service)", Map.of("service", service), "./strangler status lists the components");
        }
        String base = "http://127.0.0.1:" + component.port();
        String probe = playbook.readRoutes().stream().findFirst().map(RouteSpec::pathPrefix)
                .map(p -> p + "/" + UNKNOWN_ID).orElse(null);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        int ready;
        int api = 0;
        try {
            ready = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (probe != null) {
                api = http.send(HttpRequest.newBuilder(URI.create(base + probe)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (java.io.IOException e) {
            return StepOutcome.failed(service + " at " + base + " is not reachable", Map.of("url", base),
                    "./strangler up starts it; ./strangler logs " + service + " shows why it stopped");
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("service", service);
        evidence.put("url", base);
        evidence.put("readiness", ready);
        if (probe != null) {
            evidence.put("probe", probe);
            evidence.put("unknownRowStatus", api);
        }
        return ServiceHealthyGate.judge(service, base, ready, probe != null, api).outcome(evidence);
    }
}
