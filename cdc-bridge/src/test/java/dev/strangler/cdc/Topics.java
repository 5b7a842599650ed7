package dev.strangler.cdc;

import dev.strangler.lab.junit.TestLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reading whole topics (decompressed, as a consumer sees them) and writing raw records, for tests. */
final class Topics {

    private Topics() {
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestLab.kafka().bootstrapServers(), "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * Keys, values and headers of a record as text (ISO-8859-1 keeps every byte), for card-number scans. A W3C
     * {@code traceparent} of the right shape is left out: it is random hex, and can look like a card number.
     */
    static String text(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder b = new StringBuilder();
        if (r.key() != null) {
            b.append(new String(r.key(), java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n');
        }
        if (r.value() != null) {
            b.append(new String(r.value(), java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n');
        }
        for (Header h : r.headers()) {
            String value = h.value() == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (h.key().equals("traceparent") && value.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")) {
                // random hex ids: once in a few thousand, 16 of them are decimal digits that pass the Luhn check
                continue;
            }
            b.append(h.key()).append('=').append(value).append('\n');
        }
        return b.toString();
    }

    static void send(String topic, String key, byte[] value) {
        send(topic, key, value, Map.of());
    }

    static void send(String topic, String key, byte[] value, Map<String, String> headers) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestLab.kafka().bootstrapServers(), "compression.type", "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic,
                    key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            p.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
