package dev.strangler.cdc;

import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bridge, in this JVM, between two test databases. Each instance has its own topics, replication slots and
 * offset files (named after {@code id}), so test classes never see each other's changes.
 */
final class BridgeInstance implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String id;
    final String extraction;
    final Db legacy;
    final Db service;
    private final Map<String, String> properties = new java.util.LinkedHashMap<>();
    private final List<Class<?>> sources = new ArrayList<>(List.of(CdcBridgeApplication.class));
    private ConfigurableApplicationContext context;

    BridgeInstance(String id, Db legacy, Db service, String vaultUrl, String... extra) {
        this(id, "payments", legacy, service, vaultUrl, extra);
    }

    /**
     * The bridge serving the table pair of the repository's {@code extractions/<extraction>.yaml} (renamed after
     * {@code id}), between {@code legacy} (the descriptor's legacy database) and {@code service} (its extracted one).
     */
    BridgeInstance(String id, String extraction, Db legacy, Db service, String vaultUrl, String... extra) {
        this.id = id;
        this.extraction = extraction;
        this.legacy = legacy;
        this.service = service;
        // offsets of an earlier run point into databases that no longer exist
        dev.strangler.lab.process.FileTrees.deleteRecursively(Path.of("target", "test-bridge", id));
        String[] l = legacy.parts();
        String[] s = service.parts();
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "bridge.data-directory=" + Path.of("target", "test-bridge", id).toAbsolutePath(),
                "bridge.extractions=" + descriptorDirectory(id, extraction),
                "bridge.databases.shop.host=" + l[0], "bridge.databases.shop.port=" + l[1],
                "bridge.databases.shop.database=" + l[2],
                "bridge.databases." + extraction + ".host=" + s[0],
                "bridge.databases." + extraction + ".port=" + s[1],
                "bridge.databases." + extraction + ".database=" + s[2],
                "strangler.kafka.bootstrap-servers=" + TestLab.kafka().bootstrapServers(),
                "strangler.schema-registry.url=" + TestLab.schemaRegistry().url(),
                "bridge.vault.base-url=" + vaultUrl,
                "bridge.topics.dead-letters=" + deadLetterTopic(),
                "bridge.topics.routes=test." + id + ".routes",
                "bridge.reconcile.every=0s"));
        all.addAll(List.of(extra));
        for (String p : all) {
            properties.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
    }

    /**
     * The repository's descriptor of {@code extraction} (whose table pair has the extraction's name), the pair renamed
     * after {@code id}: the pair's name makes its topics and replication slots, so each instance has its own.
     */
    private static Path descriptorDirectory(String id, String extraction) {
        try {
            Path dir = Path.of("target", "test-bridge", id, "extractions").toAbsolutePath();
            java.nio.file.Files.createDirectories(dir);
            String yaml = java.nio.file.Files.readString(Path.of("..", "extractions", extraction + ".yaml"));
            String renamed = yaml.replaceFirst("(?m)^  - name: " + extraction + "\\b",
                    "  - name: " + pair(id, extraction));
            if (renamed.equals(yaml)) {
                throw new IllegalStateException("extractions/" + extraction + ".yaml has no table pair named "
                        + extraction);
            }
            java.nio.file.Files.writeString(dir.resolve(extraction + ".yaml"), renamed);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The instance's table pair name. */
    static String pair(String id) {
        return pair(id, "payments");
    }

    static String pair(String id, String extraction) {
        return "test-" + id.replace('_', '-') + "-" + extraction;
    }

    String pair() {
        return pair(id, extraction);
    }

    String legacyTopic() {
        return "strangler.cdc.legacy." + pair();
    }

    String serviceTopic() {
        return "strangler.cdc.service." + pair();
    }

    String deadLetterTopic() {
        return "test." + id + ".dead-letters";
    }

    String legacySlot() {
        return ("strangler_legacy_" + pair()).replace('-', '_');
    }

    String serviceSlot() {
        return ("strangler_service_" + pair()).replace('-', '_');
    }

    /** The bridge's properties, as command-line arguments for the packaged jar. */
    List<String> arguments() {
        return properties.entrySet().stream().filter(e -> !e.getKey().equals("server.port"))
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** Adds bean definitions to the bridge's context (a test's span collector, say). */
    BridgeInstance with(Class<?> source) {
        sources.add(source);
        return this;
    }

    BridgeInstance start() {
        // as command-line arguments: SpringApplicationBuilder.properties() would lose to application.properties
        context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        return this;
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    RestClient http() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port())
                .defaultStatusHandler(s -> true, (req, res) -> { }).build();
    }

    JsonNode status() {
        return JSON.readTree(http().get().uri("/cdc/status").retrieve().body(String.class));
    }

    JsonNode reconcile(String settle) {
        return JSON.readTree(http().post().uri("/reconcile/" + pair() + "?settle=" + settle).retrieve().body(String.class));
    }

    /** Waits until the initial snapshot of the legacy capture is published and every change applied. */
    void awaitBackfill() {
        awaitBackfill(this::status, pair());
    }

    /** A direction of the instance's pair in a status document. */
    JsonNode direction(JsonNode status, String name) {
        return direction(status, pair(), name);
    }

    static JsonNode direction(JsonNode status, String pair, String name) {
        return status.path("pairs").path(pair).path("directions").path(name);
    }

    static void awaitBackfill(java.util.function.Supplier<JsonNode> status, String pair) {
        await("backfill").atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode d = direction(status.get(), pair, "legacy-to-service");
            return d.path("capture").path("snapshotCompleted").asBoolean()
                    && d.path("apply").path("applied").asLong() >= d.path("capture").path("published").asLong();
        });
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Map<String, Object> servicePayment(long id) {
        return service.row("select * from payments where id = ?", id);
    }

    Map<String, Object> legacyPayment(long id) {
        return legacy.row("select * from payments where id = ?", id);
    }

    @Override
    public void close() {
        stop();
        legacy.dropSlot(legacySlot());
        service.dropSlot(serviceSlot());
    }
}
