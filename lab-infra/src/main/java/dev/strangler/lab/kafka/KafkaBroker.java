package dev.strangler.lab.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft Kafka node, broker and controller at once, whose log directory survives restarts (formatted once): the
 * lab's single broker, or one node of the cluster lab's three ({@link KafkaNodes}).
 *
 * <p>Kafka's threads are not daemons: always {@link #close()} it, or the JVM never exits.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private final KafkaRaftServer server;
    private final int port;
    private final Map<String, Object> clientConfig;
    private volatile boolean closed;

    private KafkaBroker(KafkaRaftServer server, int port, Map<String, Object> clientConfig) {
        this.server = server;
        this.port = port;
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** Starts a broker on 127.0.0.1:{@code port} (controller on {@code controllerPort}) and waits until it answers. */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort) {
        return start(logDirectory, port, controllerPort, null);
    }

    /**
     * Starts a broker whose clients must come over TLS and authenticate with SCRAM ({@code SASL_SSL}), as a production
     * cluster asks; {@link #clientConfig()} holds what its own admin client uses.
     */
    public static KafkaBroker startSecured(Path logDirectory, int port, int controllerPort, BrokerSecurity security) {
        return start(logDirectory, port, controllerPort, security);
    }

    private static KafkaBroker start(Path logDirectory, int port, int controllerPort,
            @Nullable BrokerSecurity security) {
        KafkaBroker broker = startNode(logDirectory,
                KafkaNodes.single(Uuid.randomUuid().toString(), port, controllerPort), 1, security);
        try {
            broker.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * Starts node {@code nodeId} of {@code cluster} without waiting: a node of several answers only once a majority
     * of the quorum is up, so the caller starts them all, then {@linkplain #awaitReady(Duration) waits} for each.
     */
    public static KafkaBroker startNode(Path logDirectory, KafkaNodes cluster, int nodeId,
            @Nullable BrokerSecurity security) {
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaNodes.Node node = cluster.node(nodeId);
        Properties props = brokerProperties(logDirectory, cluster, node);
        if (security != null) {
            props.putAll(security.brokerProperties(node.port(), node.controllerPort()));
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatOnce(logDirectory, cluster.clusterId(), nodeId,
                security == null ? List.of() : security.scramArguments());
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        Map<String, Object> clientConfig = security == null
                ? Map.of("bootstrap.servers", bootstrapServers(node.port()))
                : security.clientConfig(node.port(), security.brokerUser());
        log.info("Kafka node {} of {} starting on 127.0.0.1:{}{} (data in {})", nodeId, cluster.nodes().size(),
                node.port(), security == null ? "" : " (SASL_SSL)", logDirectory);
        return new KafkaBroker(server, node.port(), clientConfig);
    }

    static Properties brokerProperties(Path logDirectory, KafkaNodes cluster, KafkaNodes.Node node) {
        int port = node.port();
        int controllerPort = node.controllerPort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(node.id()));
        p.put("controller.quorum.voters", cluster.voters());
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirectory.toString());
        // one node: every internal topic has a single replica; three: three copies, two of which must have a write
        String replicas = Integer.toString(cluster.replicationFactor());
        String minIsr = Integer.toString(cluster.minInsyncReplicas());
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        // after a kill -9 the broker re-registers only when its old session expires (default 9 s)
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        // the log cleaner's dedupe buffer is 128 MiB on-heap by default: too much for a lab
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        p.put("log.retention.bytes", Long.toString(1L << 30));
        return p;
    }

    private static void formatOnce(Path logDirectory, String clusterId, int nodeId, List<String> scramArguments) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setIgnoreFormatted(true)
                    // SCRAM users live in the cluster's metadata: the first ones, the broker's own included, are
                    // written at format time, before any listener can check a password
                    .setScramArguments(scramArguments)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDirectory, e);
        }
    }

    /** The {@code bootstrap.servers} value. */
    public String bootstrapServers() {
        return bootstrapServers(port);
    }

    public static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What a client of this broker needs: bootstrap servers and, on a secured broker, TLS and the broker's user. */
    public Map<String, Object> clientConfig() {
        return clientConfig;
    }

    /** Waits until this node answers its clients (for a node of several: once the quorum has a majority). */
    public void awaitReady(Duration timeout) {
        if (!isHealthy(port, clientConfig, timeout)) {
            throw new IllegalStateException("Kafka broker on port " + port + " did not answer within " + timeout);
        }
    }

    /** True when a broker on 127.0.0.1:{@code port} answers a cluster description within {@code timeout}. */
    public static boolean isHealthy(int port, Duration timeout) {
        return isHealthy(port, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(port)), timeout);
    }

    /** True when the broker on {@code port} answers a client with {@code clientConfig} within {@code timeout}. */
    public static boolean isHealthy(int port, Map<String, Object> clientConfig, Duration timeout) {
        if (!dev.strangler.lab.process.Ports.isListening(port)) {
            return false; // an admin client would log a warning per attempt
        }
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5_000));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Admin admin = Admin.create(config);
        try {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            // close() without a timeout waits without bound for the admin's internal calls: seen hanging `up`
            admin.close(Duration.ofMillis(500));
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker on port {} stopped", port);
    }
}
