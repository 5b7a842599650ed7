package dev.strangler.lab.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny HTTP client for a system under test: what a real caller sends, bytes and headers included. The extracted
 * services' tests name it {@code Api} (a subclass of their own), so that one contract reads the same in each.
 */
public class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;

    public HttpApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** One answer. */
    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** A field of the JSON body as text ("null" when absent or null). */
        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? "null" : node.asString();
        }

        public long id() {
            return json().get("id").asLong();
        }

        /** A response header, or "" when absent. */
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of("")).getFirst();
        }
    }

    public Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Reply get(String path, Map<String, String> headers) {
        return send("GET", path, null, null, headers);
    }

    /** A JSON POST; a null body sends none, without a content type. */
    public Reply post(String path, @Nullable String json) {
        return send("POST", path, json == null ? null : "application/json", json, Map.of());
    }

    public Reply post(String path, @Nullable String json, Map<String, String> headers) {
        return send("POST", path, json == null ? null : "application/json", json, headers);
    }

    public Reply send(String method, String path, @Nullable String contentType, @Nullable String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
