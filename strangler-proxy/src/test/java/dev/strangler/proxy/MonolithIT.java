package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import dev.strangler.proxy.route.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The proxy in front of the real monolith (its executable jar, on the test lab's PostgreSQL and fake PSP). */
@ExtendWith(OutputCaptureExtension.class)
class MonolithIT {

    static Process monolith;
    static int monolithPort;
    static ProxyReplica proxy;
    static final WireMockServer extracted = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of("../legacy-monolith/target/legacy-monolith.jar");
        if (!Files.exists(jar)) {
            jar = Path.of(System.getProperty("user.home"),
                    ".m2/repository/dev/strangler/legacy-monolith/0.1.0-SNAPSHOT/legacy-monolith-0.1.0-SNAPSHOT.jar");
        }
        monolithPort = Ports.freePort();
        Path log = Path.of("target/monolith-it.log");
        monolith = JvmCommand.jar(JvmCommand.markerFor("proxy-it-monolith"), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                jar.toAbsolutePath(), List.of("--server.port=" + monolithPort, "--spring.profiles.active=lab",
                        "--spring.datasource.url=" + TestLab.freshDatabase(TestLab.legacyPostgres(), "shop"),
                        "--shop.psp.base-url=" + TestLab.psp().baseUrl(), "--shop.seed.orders-on-empty=5"),
                Path.of("target").toAbsolutePath()).start(log, false);
        HttpClient client = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monolithPort + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        extracted.start();
        // a fixed directory: a temporary one's random 19-digit suffix passes the Luhn check one time in ten, and this
        // test scans the proxy's log (where the directory is named) for card numbers
        Path dir = Path.of("target", "it-proxy-monolith").toAbsolutePath();
        dev.strangler.lab.process.FileTrees.deleteRecursively(dir);
        Files.createDirectories(dir);
        proxy = ProxyReplica.start(dir, Map.of(
                "proxy.legacy-upstream", "http://127.0.0.1:" + monolithPort,
                "proxy.upstreams.payment-service", "http://127.0.0.1:" + extracted.port(),
                "proxy.kafka.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        extracted.stop();
        if (monolith != null) {
            monolith.destroy();
            monolith.descendants().forEach(ProcessHandle::destroy);
        }
    }

    @Test
    void servesTheShopThroughTheProxyUnchanged() throws Exception {
        String direct = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monolithPort + "/api/products?size=3")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(proxy.proxy("/api/products?size=3")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo(direct);
        assertThat(proxied.headers().firstValue("X-Strangler-Upstream")).hasValue("legacy");
    }

    @Test
    void checkoutWithACardPassesThroughAndNoCardNumberIsLogged(CapturedOutput output) throws Exception {
        HttpResponse<String> order = http.send(HttpRequest.newBuilder(proxy.proxy("/api/orders?card=4242424242424242"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":1,\"items\":[{\"productId\":1,\"quantity\":1}],\"cardNumber\":\"4242424242424242\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(order.statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("POST /api/orders?card=*** 201"));
        assertThat(CardNumberScanner.find(output.getAll())).as("card numbers in the proxy's log").isEmpty();
    }

    @Test
    void shadowsTheMonolithsPaymentReadsToTheExtractedService() throws Exception {
        extracted.stubFor(WireMock.get(WireMock.urlPathMatching("/api/payments/.*"))
                .willReturn(WireMock.okJson("{\"id\":1,\"status\":\"SOMETHING_ELSE\"}")));
        proxy.routes().changeStage("payments-read", Stage.SHADOW, 0, null, "test", "shadow against the real monolith");

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(proxy.proxy("/api/payments/1")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.headers().firstValue("X-Strangler-Upstream")).hasValue("legacy");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            extracted.verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/api/payments/1"))
                    .withHeader("X-Correlation-Id", WireMock.equalTo(answer.headers().firstValue("X-Correlation-Id").orElseThrow())));
            var stats = proxy.context().getBean(dev.strangler.proxy.shadow.ShadowMirror.class)
                    .stats(proxy.routes().current().route("payments-read").orElseThrow());
            assertThat(stats.compared()).isEqualTo(1);
            assertThat(stats.differing()).isEqualTo(1);
        });
    }
}
