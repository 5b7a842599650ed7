package dev.strangler.lab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.process.FileTrees;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three KRaft nodes in processes of their own, secured (SASL_SSL, SCRAM, TLS between controllers), as the cluster
 * lab runs them: a topic with three copies, two of which must have each write, keeps taking writes and serving them
 * when the node leading it is killed, and the node started again catches up.
 */
class KafkaClusterIT {

    @Test
    void keepsEveryAcknowledgedWriteWhenTheLeaderIsKilledAndTheNodeComesBack() throws Exception {
        Path dir = Path.of("target", "test-kafka-cluster").toAbsolutePath();
        FileTrees.deleteRecursively(dir);
        BrokerSecurity security = BrokerSecurity.lab(dir.resolve("tls"), Map.of("app", "app-secret"));
        try (KafkaCluster cluster = KafkaCluster.start(dir, 3, security, Duration.ofSeconds(120))) {
            Map<String, Object> client = cluster.clientConfig("app");
            String topic = "drill-" + UUID.randomUUID();
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
                TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(described.partitions().getFirst().replicas()).as("the broker's default: three copies")
                        .hasSize(3);
            }
            produce(client, topic, 0, 100);
            int leader = leaderOf(client, topic);

            cluster.kill(leader);
            assertThat(cluster.isRunning(leader)).isFalse();
            // acks=all with two of three copies in sync: writes go on while a node is gone
            produce(client, topic, 100, 200);
            assertThat(consume(client, topic, 200)).as("every acknowledged write, in order")
                    .containsExactlyElementsOf(values(0, 200));

            cluster.restart(leader, Duration.ofSeconds(120));
            try (Admin admin = Admin.create(client)) {
                await("the node back in sync").atMost(Duration.ofSeconds(60)).until(() -> admin
                        .describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().getFirst()
                        .isr().size() == 3);
            }
        }
    }

    private static int leaderOf(Map<String, Object> client, String topic) throws Exception {
        try (Admin admin = Admin.create(client)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().getFirst()
                    .leader().id();
        }
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("change-" + i);
        }
        return values;
    }

    private static void produce(Map<String, Object> client, String topic, int from, int to) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (String value : values(from, to)) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
        }
    }

    private static List<String> consume(Map<String, Object> client, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "drill-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await("the records").atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}
