package dev.strangler.lab.zipkin;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.process.JvmCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How to run Zipkin in the lab, and where its APIs are. */
public final class ZipkinServer {

    /**
     * Spans kept in memory before the oldest traces are dropped: a few thousand checkouts, within the lab's 256 MB
     * heap under load (measured with the proxy benchmark: at 100,000 that heap thrashes in GC and Zipkin drops spans;
     * its default, 500,000, needs far more).
     */
    static final int MAX_SPANS = 50_000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ZipkinServer() {
    }

    /** The command line: in-memory storage, loopback only, the UI and the v2 API on {@code port}. */
    public static JvmCommand command(String marker, List<String> jvmFlags, int port) {
        Path jar = jar();
        return JvmCommand.jar(marker, jvmFlags, jar, List.of(
                // a list property set from the command line replaces the whole list: name every field
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols[0]=http",
                "--zipkin.storage.type=mem",
                "--zipkin.storage.mem.max-spans=" + MAX_SPANS,
                // spans arrive only over HTTP; the scribe, Kafka and RabbitMQ collectors stay off
                "--zipkin.collector.scribe.enabled=false",
                "--logging.level.root=WARN"), jar.getParent());
    }

    /** Where instrumented applications send their spans. */
    public static String spansEndpoint(int port) {
        return baseUrl(port) + "/api/v2/spans";
    }

    /** The UI and query API's root. */
    public static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** Zipkin answers {@code /health} with 200 once storage and collectors are up. */
    public static boolean isHealthy(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl(port) + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where the build copied the executable jar ({@code -Dstrangler.zipkin.jar} overrides it). */
    public static Path jar() {
        Path jar = LabPaths.zipkinJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Zipkin is not at " + jar
                    + ". Build once with ./mvnw -DskipTests install (it copies Zipkin from Maven Central).");
        }
        return jar.toAbsolutePath();
    }
}
