package dev.strangler.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the proxy creates is RFC 9457 problem+json, on both ports, including the ones Tomcat and Vert.x
 * create before any of our code runs (a path they refuse, a header or URI too long, a request they cannot parse);
 * errors from an upstream still pass through as the upstream wrote them.
 */
class OwnErrorsIT {

    static final String LONG_HEADER = "k".repeat(10_000);
    static final String LONG_PATH = "/api/" + "u".repeat(20_000);
    static final WireMockServer legacy = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @TempDir
    static Path dir;
    static ProxyReplica proxy;
    static String token;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        legacy.start();
        legacy.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        proxy = ProxyReplica.start(dir, Map.of("proxy.kafka.enabled", "false",
                "proxy.legacy-upstream", "http://127.0.0.1:" + legacy.port()));
        token = Files.readString(dir.resolve("token")).trim();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        legacy.stop();
    }

    // ---- admin port (Tomcat, Spring MVC)

    @Test
    void tomcatsOwnRejectionsOnTheAdminPortAreProblems() throws Exception {
        assertProblem(send(proxy.admin("/admin/..%2F..%2Fetc"), "X-Any", "x"), 400);
        assertProblem(send(proxy.admin("/admin/routes"), "Idempotency-Key", LONG_HEADER), 400);
        assertProblem(send(proxy.admin("/admin" + LONG_PATH), "X-Any", "x"), 400);
    }

    @Test
    void requestsTomcatCannotParseGetProblems() throws Exception {
        assertProblem(raw(proxy.admin("/").getPort(), "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        assertProblem(raw(proxy.admin("/").getPort(),
                "GET /admin/routes HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"), 400);
    }

    @Test
    void errorsThatReachedSpringBootsErrorPageAreProblems() throws Exception {
        // Tomcat refuses TRACE itself; Boot's /error page answered it in Boot's own JSON
        HttpResponse<String> trace = http.send(HttpRequest.newBuilder(proxy.admin("/admin/routes"))
                        .header("Authorization", "Bearer " + token)
                        .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(new Answer(trace.statusCode(), trace.headers().firstValue("Content-Type").orElse(""),
                trace.body()), 405);
        // and Boot's error page itself, which answered a GET with a 500 of its own JSON, is no page at all
        assertProblem(send(proxy.admin("/error"), "X-Any", "x"), 404);
    }

    @Test
    void springsOwnProblemsCarryAType() throws Exception {
        assertProblem(send(proxy.admin("/no-such-page"), "X-Any", "x"), 404);
        assertProblem(send(proxy.admin("/actuator/health"), "Accept", "text/html"), 406);
    }

    // ---- data plane (Vert.x)

    @Test
    void vertxsOwnRejectionsOnTheDataPlaneAreProblems() throws Exception {
        assertProblem(send(proxy.proxy("/api/orders/1"), "Idempotency-Key", LONG_HEADER), 431);
        assertProblem(send(proxy.proxy(LONG_PATH), "X-Any", "x"), 414);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /api/orders/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
            "GET /api/orders/1 HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
            "POST /api/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"})
    void requestsTheDataPlaneCannotParseGetProblems(String request) throws Exception {
        assertProblem(raw(proxy.proxy("/").getPort(), request), 400);
    }

    @Test
    void upstreamErrorsStillPassThroughUnchanged() throws Exception {
        legacy.stubFor(get(urlEqualTo("/api/orders/404")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/html").withBody("<html>the monolith's own page</html>")));
        legacy.stubFor(get(urlEqualTo("/api/orders/empty")).willReturn(aResponse().withStatus(502)));

        Answer page = send(proxy.proxy("/api/orders/404"), "X-Any", "x");
        Answer empty = send(proxy.proxy("/api/orders/empty"), "X-Any", "x");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(page.body()).isEqualTo("<html>the monolith's own page</html>");
        assertThat(empty.status()).isEqualTo(502);
        assertThat(empty.body()).isEmpty();
    }

    record Answer(int status, String contentType, String body) {
    }

    static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(answer.body());
        assertThat(problem.path("type").asString()).as(answer.body()).startsWith("/problems/");
        assertThat(problem.path("title").asString()).as(answer.body()).isNotBlank();
        assertThat(problem.path("status").asInt()).as(answer.body()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).as(answer.body()).isNotBlank();
    }

    Answer send(URI uri, String header, String value) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Writes bytes no HTTP client would send, and reads one answer (by its Content-Length, else up to the close). */
    static Answer raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                head.append((char) in.read());
            }
            Map<String, String> headers = new HashMap<>();
            head.toString().lines().skip(1).filter(l -> l.contains(":")).forEach(l -> headers.put(
                    l.substring(0, l.indexOf(':')).trim().toLowerCase(Locale.ROOT),
                    l.substring(l.indexOf(':') + 1).trim()));
            byte[] body = headers.containsKey("content-length")
                    ? in.readNBytes(Integer.parseInt(headers.get("content-length"))) : in.readAllBytes();
            return new Answer(Integer.parseInt(head.toString().split(" ")[1]), headers.getOrDefault("content-type", ""),
                    new String(body, StandardCharsets.UTF_8));
        }
    }
}
