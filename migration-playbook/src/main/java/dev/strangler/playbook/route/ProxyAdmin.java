package dev.strangler.playbook.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's admin API (port 8090 + {@code STRANGLER_PORT_OFFSET}), authenticated with the token the proxy keeps in
 * {@code <lab dir>/proxy-admin.token}. Errors come back as the API's problem+json detail.
 */
public final class ProxyAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public ProxyAdmin(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The lab's proxy: admin port 8090 shifted by the port offset, token from the lab directory. */
    public static ProxyAdmin ofLab(Path labRoot, int portOffset) {
        Path tokenFile = labRoot.resolve("proxy-admin.token");
        try {
            return new ProxyAdmin(URI.create("http://127.0.0.1:" + (8090 + portOffset)), Files.readString(tokenFile).trim());
        } catch (IOException e) {
            throw new IllegalArgumentException("no admin token at " + tokenFile + ": is the proxy running (./strangler up)?");
        }
    }

    public JsonNode routes() {
        return call("GET", "/admin/routes", null);
    }

    /**
     * Points every route whose legacy upstream is {@code from} at {@code to}, one versioned, audited change per
     * route; returns the ids of the routes changed. Requests already on their way finish where they started.
     */
    public List<String> moveLegacyUpstream(URI from, URI to, String reason) {
        List<String> moved = new java.util.ArrayList<>();
        for (JsonNode view : routes().path("routes")) {
            JsonNode route = view.path("route");
            if (!sameOrigin(from, route.path("legacy").asText())) {
                continue;
            }
            String id = route.path("id").asText();
            JsonNode current = call("GET", "/admin/routes/" + id, null, null);
            ObjectNode changed = ((ObjectNode) current.deepCopy()).put("legacy", to.toString());
            ObjectNode body = JSON.createObjectNode().put("reason", reason);
            body.set("route", changed);
            call("PUT", "/admin/routes/" + id, body.toString(), "\"" + current.path("version").asLong() + "\"");
            moved.add(id);
        }
        return moved;
    }

    private static boolean sameOrigin(URI upstream, String other) {
        return !other.isEmpty() && URI.create(other.endsWith("/") ? other.substring(0, other.length() - 1) : other)
                .equals(upstream);
    }

    public JsonNode diffs(String routeId) {
        return call("GET", "/admin/routes/" + routeId + "/diffs", null);
    }

    public JsonNode setStage(String routeId, String stage, @Nullable Integer percent, String reason) {
        ObjectNode body = JSON.createObjectNode().put("stage", stage).put("reason", reason);
        if (percent != null) {
            body.put("percent", percent);
        }
        return call("POST", "/admin/routes/" + routeId + "/stage", body.toString());
    }

    /** Injects faults into a route's extracted side (null leaves a figure as it is; 0 and 0 clear them). */
    public JsonNode setFaults(String routeId, @Nullable Integer latencyMillis, @Nullable Integer errorPercent,
                              String reason) {
        ObjectNode body = JSON.createObjectNode().put("reason", reason);
        if (latencyMillis != null) {
            body.put("latencyMillis", latencyMillis);
        }
        if (errorPercent != null) {
            body.put("errorPercent", errorPercent);
        }
        return call("POST", "/admin/routes/" + routeId + "/faults", body.toString());
    }

    /** {@code path} under {@code base}, keeping a path prefix of the base (an admin API behind an ingress path). */
    static URI under(URI base, String path) {
        String prefix = base.toString();
        return URI.create((prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + path);
    }

    private JsonNode call(String method, String path, @Nullable String body) {
        return call(method, path, body, null);
    }

    private JsonNode call(String method, String path, @Nullable String body, @Nullable String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(under(base, path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("X-Operator", System.getProperty("user.name", "cli"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalArgumentException("proxy answered " + response.statusCode() + ": "
                        + json.path("detail").asText(response.body()));
            }
            return json;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the proxy's admin API at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted");
        }
    }
}
