package dev.strangler.playbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** One trace as Zipkin's v2 API returns it ({@code GET /api/v2/trace/{id}}), with the questions a test asks of it. */
record ZipkinTrace(List<JsonNode> spans) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The trace, or empty while Zipkin does not know it. */
    static ZipkinTrace fetch(int zipkinPort, String traceId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + zipkinPort
                + "/api/v2/trace/" + traceId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> spans = new ArrayList<>();
        if (response.statusCode() == 200) {
            JSON.readTree(response.body()).forEach(spans::add);
        }
        return new ZipkinTrace(List.copyOf(spans));
    }

    static String service(JsonNode span) {
        return span.path("localEndpoint").path("serviceName").asText("");
    }

    static Predicate<JsonNode> of(String service) {
        return span -> service.equals(service(span));
    }

    static Predicate<JsonNode> kind(String kind) {
        return span -> kind.equals(span.path("kind").asText(""));
    }

    static Predicate<JsonNode> named(String fragment) {
        return span -> span.path("name").asText("").contains(fragment);
    }

    Optional<JsonNode> first(Predicate<JsonNode> which) {
        return spans.stream().filter(which).findFirst();
    }

    List<String> services() {
        return spans.stream().map(ZipkinTrace::service).distinct().sorted().toList();
    }

    /** Whether {@code ancestor} lies on {@code span}'s chain of parents (the links Zipkin draws the tree from). */
    boolean descendsFrom(JsonNode span, JsonNode ancestor) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode s : spans) {
            // a shared (client/server) span id appears twice in Zipkin's model: either one serves as the link
            byId.putIfAbsent(s.path("id").asText(), s);
        }
        String target = ancestor.path("id").asText();
        String parent = span.path("parentId").asText(null);
        for (int hops = 0; parent != null && hops < 64; hops++) {
            if (parent.equals(target)) {
                return true;
            }
            JsonNode next = byId.get(parent);
            parent = next == null ? null : next.path("parentId").asText(null);
        }
        return false;
    }

    /** Name, service, kind, id and parent of every span, for a failure message. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (JsonNode s : spans) {
            out.append(String.format("%n  %-16s %-9s %-50s id=%s parent=%s", service(s), s.path("kind").asText("-"),
                    s.path("name").asText(), s.path("id").asText(), s.path("parentId").asText("-")));
        }
        return out.toString();
    }
}
