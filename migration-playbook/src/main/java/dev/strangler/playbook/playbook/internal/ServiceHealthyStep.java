package dev.strangler.playbook.playbook.internal;

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
import java.util.Map;

/** Gate: the payment service answers its readiness probe and its API (a missing payment is a 404 problem). */
public final class ServiceHealthyStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Check that the payment service is ready and answers its API. Changes nothing.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        String base = "http://127.0.0.1:" + context.ports().paymentService();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        int ready;
        int api;
        try {
            ready = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/payments/999999999999"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return StepOutcome.failed("the payment service at " + base + " is not reachable", Map.of(),
                    "./strangler up starts it; ./strangler logs payment-service shows why it stopped");
        }
        Map<String, Object> evidence = Map.of("url", base, "readiness", ready, "unknownPaymentStatus", api);
        if (ready != 200 || api != 404) {
            return StepOutcome.failed("the payment service is not ready (readiness " + ready + ", API " + api + ")",
                    evidence, "./strangler status; ./strangler logs payment-service");
        }
        return StepOutcome.passed("payment service ready at " + base, evidence);
    }
}
