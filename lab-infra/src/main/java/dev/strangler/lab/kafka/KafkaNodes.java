package dev.strangler.lab.kafka;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The nodes of a KRaft cluster on this machine, each broker and controller at once, as the cluster lab runs them: the
 * quorum is every node, the cluster id is shared (each node's storage is formatted with it).
 *
 * @param clusterId the cluster's id (Kafka's base64 UUID)
 * @param nodes     every node, by id
 */
public record KafkaNodes(String clusterId, List<Node> nodes) {

    /** A node: its id, its clients' port, its controller port (127.0.0.1). */
    public record Node(int id, int port, int controllerPort) {
    }

    public KafkaNodes {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one node");
        }
    }

    /** One node, id 1: the lab's broker. */
    public static KafkaNodes single(String clusterId, int port, int controllerPort) {
        return new KafkaNodes(clusterId, List.of(new Node(1, port, controllerPort)));
    }

    public Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + nodes));
    }

    /** {@code controller.quorum.voters}: every node. */
    public String voters() {
        return nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
    }

    /** Every node's client address. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> KafkaBroker.bootstrapServers(n.port())).collect(Collectors.joining(","));
    }

    /** Copies of each partition of the internal topics and of new topics: three where there are three nodes. */
    public int replicationFactor() {
        return Math.min(3, nodes.size());
    }

    /** Copies that must have a write: two of three, so that one node may go while writes go on. */
    public int minInsyncReplicas() {
        return nodes.size() >= 3 ? 2 : 1;
    }
}
