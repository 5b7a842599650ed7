package dev.strangler.playbook.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the running monolith to replace its data with a deterministic seed of N orders. */
public final class ShopSeeding {

    private ShopSeeding() {
    }

    /** Returns the monolith's JSON answer (the row counts it seeded). */
    public static String seed(LabLayout layout, LabPorts ports, int orders) {
        if (orders < 0 || orders > 1_000_000) {
            throw new IllegalArgumentException("--orders must be between 0 and 1000000, got " + orders);
        }
        MonolithBuild.Deployment deployed = MonolithBuild.Deployment.current(layout);
        if (deployed.build() == MonolithBuild.DECOMMISSIONED) {
            throw new LabException("the decommissioned monolith has no seed feature: its payments are the payment"
                    + " service's. Seed a fresh lab instead: ./strangler down && ./strangler up --reset");
        }
        URI uri = URI.create("http://127.0.0.1:" + deployed.port(ports) + "/internal/seed");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orders\":" + orders + "}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LabException("the monolith refused to seed (HTTP " + response.statusCode() + "): " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new LabException("the monolith does not answer on " + uri.getAuthority()
                    + ": start the lab first (./strangler up)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while seeding");
        }
    }
}
