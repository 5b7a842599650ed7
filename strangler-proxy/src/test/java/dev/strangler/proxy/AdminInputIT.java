package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API takes only what it documents: stage names (JSON strings), integer percents where the stage has one,
 * bodies up to {@code proxy.admin.max-request-body}. Anything else is a problem+json naming the field, and leaves
 * the route table and the audit log exactly as they were.
 */
class AdminInputIT {

    @TempDir
    static Path dir;
    static ProxyReplica proxy;
    static String token;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final JsonMapper json = JsonMapper.shared();

    @BeforeAll
    static void start() throws Exception {
        proxy = ProxyReplica.start(dir, Map.of("proxy.kafka.enabled", "false"));
        token = Files.readString(dir.resolve("token")).trim();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"stage":3,"reason":"x"}                              | stage
            {"stage":0,"reason":"x"}                              | stage
            {"stage":"2","percent":5,"reason":"x"}                | stage
            {"stage":"3","reason":"x"}                            | stage
            {"stage":2.0,"reason":"x"}                            | stage
            {"stage":"canary","percent":5,"reason":"x"}           | stage
            {"stage":["CANARY"],"percent":5,"reason":"x"}         | stage
            {"stage":"CANARY","percent":5.5,"reason":"x"}         | percent
            {"stage":"CANARY","percent":5.0,"reason":"x"}         | percent
            {"stage":"CANARY","percent":1e1,"reason":"x"}         | percent
            {"stage":"CANARY","percent":"5","reason":"x"}         | percent
            {"stage":"CANARY","percent":true,"reason":"x"}        | percent
            {"stage":"CANARY","percent":99999999999,"reason":"x"} | percent
            {"stage":"LEGACY","percent":50,"reason":"x"}          | percent
            {"stage":"SHADOW","percent":0,"reason":"x"}           | percent
            {"stage":"EXTRACTED","percent":100,"reason":"x"}      | percent
            {"stage":"ROLLED_BACK","percent":0,"reason":"x"}      | percent
            """)
    void aStageChangeTakesStageNamesAndAnIntegerPercentOnlyForCanary(String body, String field) throws Exception {
        refusedWithoutChange("POST", "/admin/routes/payments-read/stage", BodyPublishers.ofString(body), 400, field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "stage":3                | route.stage
            "stage":"2"              | route.stage
            "stage":"CANARY","percent":5.5 | route.percent
            "stage":"CANARY","percent":"5" | route.percent
            """)
    void aRouteReplacementTakesTheSameTypes(String fields, String field) throws Exception {
        String route = "{\"reason\":\"x\",\"route\":{\"id\":\"payments-read\",\"path\":\"/api/payments/**\","
                + "\"legacy\":\"http://127.0.0.1:8081\",\"extracted\":\"http://127.0.0.1:8082\"," + fields + "}}";
        refusedWithoutChange("PUT", "/admin/routes/payments-read", BodyPublishers.ofString(route), 400, field);
    }

    @Test
    void faultFiguresAreIntegersToo() throws Exception {
        refusedWithoutChange("POST", "/admin/routes/payments-read/faults",
                BodyPublishers.ofString("{\"latencyMillis\":250.5,\"reason\":\"x\"}"), 400, "latencyMillis");
    }

    @Test
    void aBodyOverTheLimitGets413NotAResetConnection() throws Exception {
        byte[] huge = new byte[20 * 1024 * 1024];
        refusedWithoutChange("POST", "/admin/routes/payments-read/stage", BodyPublishers.ofByteArray(huge), 413, null);
        // without a Content-Length (chunked): read up to the limit, then refused the same way
        refusedWithoutChange("POST", "/admin/routes/payments-read/stage",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[200_000])), 413, null);
        // anywhere on the admin port, not only the admin API
        refusedWithoutChange("POST", "/actuator/health", BodyPublishers.ofByteArray(huge), 413, null);
    }

    @Test
    void wellFormedChangesStillGoThrough() throws Exception {
        String canary = "{\"stage\":\"CANARY\",\"percent\":5,\"reason\":\"five percent\"}";
        String back = "{\"stage\":\"LEGACY\",\"percent\":null,\"reason\":\"back\"}";
        assertThat(send("POST", "/admin/routes/payments-write/stage", BodyPublishers.ofString(canary)).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/admin/routes/payments-write/stage", BodyPublishers.ofString(back)).statusCode())
                .isEqualTo(200);
        assertThat(proxy.routes().current().route("payments-write").orElseThrow().percent()).isZero();
    }

    /** Sends a request the admin port must refuse; checks the answer, and that nothing changed on disk or in memory. */
    void refusedWithoutChange(String method, String path, BodyPublisher body, int status, String field)
            throws Exception {
        Path table = dir.resolve("routes.json");
        Path audit = dir.resolve("routes.audit.jsonl");
        byte[] tableBefore = Files.readAllBytes(table);
        byte[] auditBefore = Files.readAllBytes(audit);
        var documentBefore = proxy.routes().current().document();

        HttpResponse<String> response = send(method, path, body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).startsWith("/problems/");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(problem.path("detail").asString()).as("names the field").contains(field);
        }
        assertThat(proxy.routes().current().document()).isEqualTo(documentBefore);
        assertThat(Files.readAllBytes(table)).as("route table file").isEqualTo(tableBefore);
        assertThat(Files.readAllBytes(audit)).as("audit log").isEqualTo(auditBefore);
    }

    HttpResponse<String> send(String method, String path, BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.admin(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body);
        if (method.equals("PUT")) {
            request.header("If-Match", "\"1\""); // the version of the untouched payments-read
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
