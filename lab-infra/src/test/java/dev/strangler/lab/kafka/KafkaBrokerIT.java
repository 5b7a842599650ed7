package dev.strangler.lab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.LabExtension;
import dev.strangler.lab.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private static void produce(String bootstrap, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
        }
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
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
}
