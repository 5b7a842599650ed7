package dev.strangler.playbook.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CDC bridge's API ({@code cdc-bridge}, port 8083 in the lab). */
public final class CdcBridge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String whenUnreachable;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    /** The lab's bridge. */
    public CdcBridge(URI base) {
        this(base, "is the lab up (./strangler up, ./strangler status)?");
    }

    /** A bridge at {@code base}; {@code whenUnreachable} is what the error suggests when it does not answer. */
    public CdcBridge(URI base, String whenUnreachable) {
        this.base = base;
        this.whenUnreachable = whenUnreachable;
    }

    /** Reconciles a table pair's two tables now; {@code settle} is how long differing rows are rechecked. */
    public JsonNode reconcile(String pair, Duration settle) {
        return call("POST", "/reconcile/" + pair + "?settle=" + settle.toSeconds() + "s", Duration.ofMinutes(6));
    }

    /** A direction ({@code legacy-to-service}, {@code service-to-legacy}) of a table pair in a status document. */
    public static JsonNode direction(JsonNode status, String pair, String direction) {
        return status.path("pairs").path(pair).path("directions").path(direction);
    }

    public JsonNode status() {
        return call("GET", "/cdc/status", Duration.ofSeconds(10));
    }

    /** {@code path} under the base URL, keeping its path prefix (a bridge behind an ingress path). */
    private URI under(String path) {
        String prefix = base.toString();
        return URI.create((prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + path);
    }

    private JsonNode call(String method, String path, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(under(path)).timeout(timeout)
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalArgumentException("the CDC bridge at " + base + " is not reachable: " + whenUnreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the CDC bridge answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalArgumentException("the CDC bridge answered " + response.statusCode() + ": "
                    + body.path("detail").asText(body.toString()));
        }
        return body;
    }
}
