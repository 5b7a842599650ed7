package dev.strangler.cdc.publish;

import dev.strangler.support.kafka.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter topic: a record that no retry can apply goes there with the reason and its origin in headers, and
 * the stream goes on. Replay: fix the cause, then copy the records back to the topic named in
 * {@value ChangeHeaders#DLQ_TOPIC} (the README shows how). A change that failed at capture holds no value at all
 * (its row held a card number): only the key and the reason. How many wait there is {@link DeadLetterCount}'s to
 * say, read from the topic.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public DeadLetters(KafkaConnection kafka, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "cdc-bridge-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends and waits for the acknowledgement: the caller moves past the record only after that. The dead letter
     * carries {@code traceparent} (the failed record's, or the failed capture's), so that it can be found from its
     * trace, and a replayed copy joins that trace again.
     */
    public void send(@Nullable String key, byte @Nullable [] value, String reason, String sourceTopic, int partition,
            long offset, @Nullable String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add(ChangeHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(ChangeHeaders.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ChangeHeaders.DLQ_TOPIC, sourceTopic.getBytes(StandardCharsets.UTF_8));
        headers.add(ChangeHeaders.DLQ_PARTITION, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
        headers.add(ChangeHeaders.DLQ_OFFSET, Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead-letter topic " + topic + " unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter", e);
        }
        log.warn("Dead letter: {}[{}]@{} key {}: {}", sourceTopic, partition, offset, key, reason);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
