package dev.strangler.lab.registry;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts, checks and configures the Apicurio schema registry child JVM. */
public final class SchemaRegistry implements AutoCloseable {

    /** Content type of Confluent's schema registry API. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** Flags measured to give the smallest footprint with a quick start (measured on a 2-core machine: about 190 MB resident, ready in 2-3 s, against about 250 MB with the defaults). */
    public static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=192m");

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistry.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private SchemaRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The registry's command line.
     *
     * @param storage H2 file to keep schemas in (the lab), or empty for in-memory storage (tests)
     */
    public static JvmCommand command(String marker, int port, int managementPort, Optional<Path> storage) {
        Path home = home();
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.add("-Dquarkus.http.port=" + port);
        args.add("-Dquarkus.http.host=127.0.0.1");
        // /health/* is served on the management interface only; its default port 9000 clashes easily
        args.add("-Dquarkus.management.port=" + managementPort);
        args.add("-Dquarkus.management.host=127.0.0.1");
        args.add("-Dapicurio.storage.kind=sql");
        args.add("-Dapicurio.storage.sql.kind=h2");
        args.add("-Dapicurio.datasource.url=" + storage
                .map(file -> "jdbc:h2:file:" + file.toAbsolutePath())
                .orElse("jdbc:h2:mem:registry"));
        args.add("-Dapicurio.datasource.jdbc.initial-size=2");
        args.add("-Dapicurio.datasource.jdbc.min-size=2");
        args.add("-Dapicurio.datasource.jdbc.max-size=10");
        args.add("-Dquarkus.http.access-log.enabled=false");
        return JvmCommand.jar(marker, args, home.resolve("quarkus-run.jar"), List.of(), home);
    }

    /** Starts an in-memory registry tied to this JVM (tests); waits until it is ready and BACKWARD. */
    public static SchemaRegistry startAttached(int port, int managementPort, Path logFile) {
        Process process = command(JvmCommand.markerFor("test-schema-registry"), port, managementPort, Optional.empty())
                .start(logFile, false);
        SchemaRegistry registry = new SchemaRegistry(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "schema-registry-stop"));
        try {
            awaitReady(process, managementPort, Duration.ofSeconds(120), logFile);
            configureBackward(port);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        log.info("Schema registry ready on port {}", port);
        return registry;
    }

    private static void awaitReady(Process process, int managementPort, Duration timeout, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the schema registry exited with " + process.exitValue() + "; see " + logFile);
            }
            if (isReady(managementPort)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
        }
        throw new IllegalStateException("the schema registry was not ready within " + timeout + "; see " + logFile);
    }

    /** True when {@code /health/ready} on the management port answers 200. */
    public static boolean isReady(int managementPort) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sets the global compatibility to BACKWARD (Apicurio's default is NONE). */
    public static void configureBackward(int port) {
        HttpResponse<String> response = call(port, "PUT", "/config", "{\"compatibility\":\"BACKWARD\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot set BACKWARD compatibility: " + response.statusCode() + " " + response.body());
        }
    }

    /** Calls the Confluent-compatible API; {@code path} is relative to {@code /apis/ccompat/v7}. */
    public static HttpResponse<String> call(int port, String method, String path, String jsonBody) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(confluentApiUrl(port) + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE)
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("schema registry on port " + port + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Base URL of the Confluent-compatible API, the value for {@code schema.registry.url}. */
    public static String confluentApiUrl(int port) {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public String url() {
        return confluentApiUrl(port);
    }

    public int port() {
        return port;
    }

    /** Where the build unpacked the registry ({@code -Dstrangler.apicurio.home} overrides it). */
    public static Path home() {
        Path home = LabPaths.apicurioHome();
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("The schema registry is not unpacked at " + home
                    + ". Build once with ./mvnw -DskipTests install (it unpacks Apicurio from Maven Central).");
        }
        return home;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(20));
        }
    }
}
