package dev.strangler.lab.kafka;

import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka cluster of separate processes on this machine ({@link KafkaBrokerMain} {@code --node}), each node a broker
 * and a controller: what the cluster lab and its drills run. A node can be killed ({@code kill -9}) and started
 * again on its data; the others go on as a cluster does.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final List<String> NODE_JVM = List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final Path directory;
    private final KafkaNodes nodes;
    private final @Nullable BrokerSecurity security;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();

    private KafkaCluster(Path directory, KafkaNodes nodes, @Nullable BrokerSecurity security) {
        this.directory = directory;
        this.nodes = nodes;
        this.security = security;
    }

    /**
     * Starts {@code size} nodes on free ports under {@code directory}, secured with {@code security} (or plaintext
     * when null), and waits until every node answers.
     */
    public static KafkaCluster start(Path directory, int size, @Nullable BrokerSecurity security, Duration timeout) {
        List<KafkaNodes.Node> list = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            list.add(new KafkaNodes.Node(id, Ports.freePort(), Ports.freePort()));
        }
        KafkaCluster cluster = new KafkaCluster(directory, new KafkaNodes(Uuid.randomUuid().toString(), list),
                security);
        try {
            for (KafkaNodes.Node node : list) {
                cluster.launch(node.id());
            }
            for (KafkaNodes.Node node : list) {
                cluster.awaitNode(node.id(), timeout);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public KafkaNodes nodes() {
        return nodes;
    }

    /** What a client needs: every node's address and, on a secured cluster, TLS and {@code user}'s SCRAM login. */
    public Map<String, Object> clientConfig(String user) {
        if (security == null) {
            return Map.of("bootstrap.servers", nodes.bootstrapServers());
        }
        Map<String, Object> config = new LinkedHashMap<>(security.clientConfig(nodes.nodes().getFirst().port(), user));
        config.put("bootstrap.servers", nodes.bootstrapServers());
        return config;
    }

    /** Kills node {@code id} without warning, as a machine that dies ({@code kill -9}). */
    public void kill(int id) {
        Process process = processes.remove(id);
        if (process != null) {
            process.destroyForcibly();
            Processes.awaitExit(process.toHandle(), Duration.ofSeconds(30));
        }
    }

    /** Starts node {@code id} again on its data and waits until it answers. */
    public void restart(int id, Duration timeout) {
        kill(id);
        launch(id);
        awaitNode(id, timeout);
    }

    public boolean isRunning(int id) {
        Process process = processes.get(id);
        return process != null && process.isAlive();
    }

    private void launch(int id) {
        Path nodeDirectory = directory.resolve("node-" + id);
        Path file = nodeDirectory.resolve("node.properties");
        try {
            Files.createDirectories(nodeDirectory);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, nodeFile(id, nodeDirectory.resolve("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = JvmCommand.mainClass(JvmCommand.markerFor("kafka-node-" + id), NODE_JVM,
                KafkaBrokerMain.class, List.of("--node", file.toString())).start(nodeDirectory.resolve("node.log"),
                false);
        processes.put(id, process);
    }

    private String nodeFile(int id, Path data) {
        StringBuilder out = new StringBuilder();
        out.append("cluster.id=").append(nodes.clusterId()).append('\n');
        out.append("node.id=").append(id).append('\n');
        out.append("nodes=").append(nodes.nodes().stream().map(n -> n.id() + ":" + n.port() + ":" + n.controllerPort())
                .collect(Collectors.joining(","))).append('\n');
        out.append("log.dir=").append(data.toString().replace("\\", "\\\\")).append('\n');
        if (security != null) {
            out.append("tls.dir=").append(security.certificates().directory()).append('\n');
            out.append("scram.users=").append(security.users().entrySet().stream()
                    .map(u -> u.getKey() + "=" + u.getValue()).collect(Collectors.joining(","))).append('\n');
            out.append("scram.broker-user=").append(security.brokerUser()).append('\n');
        }
        return out.toString();
    }

    private void awaitNode(int id, Duration timeout) {
        KafkaNodes.Node node = nodes.node(id);
        Map<String, Object> config = security == null
                ? Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(node.port()))
                : security.clientConfig(node.port(), security.brokerUser());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!KafkaBroker.isHealthy(node.port(), config, Duration.ofSeconds(3))) {
            Process process = processes.get(id);
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("Kafka node " + id + " stopped while starting: see "
                        + directory.resolve("node-" + id).resolve("node.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka node " + id + " did not answer within " + timeout + ": see "
                        + directory.resolve("node-" + id).resolve("node.log"));
            }
        }
    }

    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            if (!Processes.awaitExit(process.toHandle(), Duration.ofSeconds(30))) {
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}
