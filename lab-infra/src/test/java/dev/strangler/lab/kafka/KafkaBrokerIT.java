package dev.strangler.lab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.LabExtension;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.tls.LabCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LabExtension.class)
class KafkaBrokerIT {

    @Test
    void roundTripsRecords(KafkaBroker kafka) throws Exception {
        String topic = "round-trip-" + UUID.randomUUID();
        produce(kafka.bootstrapServers(), topic, List.of("payment-1:authorized", "payment-1:captured"));
        assertThat(consume(kafka.bootstrapServers(), topic, 2)).containsExactly("payment-1:authorized", "payment-1:captured");
    }

    @Test
    void keepsRecordsAcrossRestart(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        int controller = Ports.freePort();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controller)) {
            produce(broker.bootstrapServers(), "durable", List.of("kept"));
        }
        assertThat(KafkaBroker.isHealthy(port, Duration.ofMillis(500))).isFalse();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controller)) {
            assertThat(consume(broker.bootstrapServers(), "durable", 1)).containsExactly("kept");
        }
    }

    @Test
    void aSecuredBrokerServesOnlyClientsThatTrustItsCaAndLogInWithScram(@TempDir Path dir) throws Exception {
        LabCertificates certificates = LabCertificates.in(dir.resolve("tls"), List.of(BrokerSecurity.SERVER));
        BrokerSecurity security = new BrokerSecurity(certificates,
                Map.of("broker", "broker-secret", "cdc-bridge", "bridge-secret"), "broker");
        int port = Ports.freePort();
        try (KafkaBroker broker = KafkaBroker.startSecured(dir.resolve("kafka"), port, Ports.freePort(), security)) {
            Map<String, Object> bridge = security.clientConfig(port, "cdc-bridge");
            produce(bridge, "secured", List.of("over-tls"));
            assertThat(consume(bridge, "secured", 1)).containsExactly("over-tls");

            Map<String, Object> wrongPassword = new HashMap<>(bridge);
            wrongPassword.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required username=\"cdc-bridge\" password=\"guess\";");
            assertThat(adminError(wrongPassword)).isInstanceOf(SaslAuthenticationException.class);

            Map<String, Object> untrusting = new HashMap<>(bridge);
            untrusting.keySet().removeIf(k -> k.startsWith("ssl.truststore"));
            assertThat(adminError(untrusting)).isInstanceOf(SslAuthenticationException.class);

            assertThat(KafkaBroker.isHealthy(port, Duration.ofSeconds(2))).as("a plaintext client").isFalse();
        }
    }

    /** What an admin client with {@code config} gets when it asks for the cluster's nodes. */
    private static Throwable adminError(Map<String, Object> config) {
        Map<String, Object> bounded = with(config, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(bounded)) {
            admin.describeCluster().nodes().get();
            throw new AssertionError("the broker answered a client it should refuse");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void produce(String bootstrap, String topic, List<String> values) throws Exception {
        produce(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, values);
    }

    private static void produce(Map<String, Object> client, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(with(client,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
        }
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        return consume(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topic, expected);
    }

    private static List<String> consume(Map<String, Object> client, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(with(client,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
            }
        }
        return seen;
    }

    private static Map<String, Object> with(Map<String, Object> client, Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>(client);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}
