package dev.strangler.lab.kafka;

import dev.strangler.lab.tls.LabCertificates;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link KafkaBroker} as a process of its own, SIGTERM shutting it down cleanly through a shutdown hook:
 *
 * <ul>
 *   <li>{@code KafkaBrokerMain <port> <controllerPort> <logDirectory>}: the lab's single plaintext broker;</li>
 *   <li>{@code KafkaBrokerMain --node <file>}: one node of a cluster, as the cluster lab runs three. The file (a
 *   properties file, readable by its owner only: it may hold passwords) says {@code cluster.id}, {@code node.id},
 *   {@code nodes} ({@code id:port:controllerPort,...}), {@code log.dir} and, for a secured cluster, {@code tls.dir}
 *   (the lab's certificates), {@code scram.users} ({@code name=password,...}) and {@code scram.broker-user}.</li>
 * </ul>
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker;
        if (args.length == 2 && args[0].equals("--node")) {
            broker = startNode(Path.of(args[1]));
        } else if (args.length == 3) {
            broker = KafkaBroker.start(Path.of(args[2]), Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        } else {
            System.err.println("usage: KafkaBrokerMain <port> <controllerPort> <logDirectory>");
            System.err.println("       KafkaBrokerMain --node <node.properties>");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        stopped.await();
    }

    private static KafkaBroker startNode(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node file " + file, e);
        }
        int nodeId = Integer.parseInt(required(p, "node.id", file));
        KafkaNodes cluster = new KafkaNodes(required(p, "cluster.id", file), nodes(required(p, "nodes", file)));
        KafkaBroker broker = KafkaBroker.startNode(Path.of(required(p, "log.dir", file)), cluster, nodeId,
                security(p, file));
        // the quorum needs a majority: the other nodes start at the same time, in processes of their own
        broker.awaitReady(Duration.ofSeconds(120));
        return broker;
    }

    private static @Nullable BrokerSecurity security(Properties p, Path file) {
        String tls = p.getProperty("tls.dir");
        if (tls == null || tls.isBlank()) {
            return null;
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (String pair : required(p, "scram.users", file).split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(file + ": scram.users takes name=password,... pairs");
            }
            users.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new BrokerSecurity(LabCertificates.in(Path.of(tls), List.of(BrokerSecurity.SERVER)), users,
                required(p, "scram.broker-user", file));
    }

    static List<KafkaNodes.Node> nodes(String spec) {
        List<KafkaNodes.Node> nodes = new ArrayList<>();
        for (String node : spec.split(",")) {
            String[] parts = node.trim().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("nodes takes id:port:controllerPort,..., got '" + node + "'");
            }
            nodes.add(new KafkaNodes.Node(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2])));
        }
        return nodes;
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(file + " has no " + key);
        }
        return value.trim();
    }
}
