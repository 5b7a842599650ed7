package dev.strangler.cdc.publish;

import dev.strangler.cdc.tracing.CapturedChange;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.extraction.ChangeRecord;
import dev.strangler.support.kafka.KafkaConnection;
import org.apache.avro.generic.GenericRecord;
import dev.strangler.registry.AvroSerializer;
import dev.strangler.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a captured batch and returns only when Kafka has acknowledged every record of it: the capture marks its
 * offsets processed after that, so a crash loses nothing (it may resend a batch; appliers are idempotent). A truncate
 * is sent to every partition, because the rows it removes live in all of them.
 */
public final class ChangePublisher implements AutoCloseable {

    /**
     * One change to publish, keyed by its row's key (one row's changes stay in one partition, in order), with its
     * spans (whose context goes in the record's headers).
     */
    public record Outgoing(GenericRecord change, String key, String correlationId, CapturedChange trace) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer<GenericRecord> serializer;

    public ChangePublisher(KafkaConnection kafka, SchemaRegistryClient registry) {
        this.producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "cdc-bridge-capture",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000)),
                new StringSerializer(), new ByteArraySerializer());
        // auto-registration: the lab has no deploy step; the schema's subject is "<topic>-value" (TopicNameStrategy)
        this.serializer = new AvroSerializer<>(registry, true);
    }

    /**
     * Sends the batch and waits for every acknowledgement; throws when any record was not acknowledged. The publish
     * spans run from the hand-over of the batch to its last acknowledgement: what the capture waits for.
     */
    public void publish(String topic, List<Outgoing> batch) {
        long publishMicros = ChangeTracing.nowMicros();
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        int[] lastSent = new int[batch.size()];
        int index = 0;
        try {
            for (Outgoing o : batch) {
                byte[] value = serializer.serialize(topic, o.change());
                RecordHeaders headers = new RecordHeaders();
                headers.add(ChangeHeaders.CORRELATION_ID, o.correlationId().getBytes(StandardCharsets.UTF_8));
                o.trace().inject(headers);
                headers.add(ChangeHeaders.SOURCE_TS_MS,
                        Long.toString((Long) o.change().get(ChangeRecord.SOURCE_TS_MICROS) / 1000)
                                .getBytes(StandardCharsets.UTF_8));
                if (ChangeRecord.Op.TRUNCATE.name().equals(String.valueOf(o.change().get(ChangeRecord.OP)))) {
                    // one change, one publish span, sent to every partition
                    for (PartitionInfo p : producer.partitionsFor(topic)) {
                        sent.add(producer.send(new ProducerRecord<>(topic, p.partition(), "truncate", value,
                                headers)));
                    }
                } else {
                    sent.add(producer.send(new ProducerRecord<>(topic, null, o.key(), value, headers)));
                }
                lastSent[index++] = sent.size() - 1;
            }
            producer.flush();
            List<RecordMetadata> acks = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> f : sent) {
                acks.add(acknowledged(f, topic));
            }
            long ackedMicros = ChangeTracing.nowMicros();
            for (int i = 0; i < batch.size(); i++) {
                RecordMetadata ack = acks.get(lastSent[i]);
                batch.get(i).trace().published(publishMicros, ackedMicros, ack.partition(), ack.offset());
            }
        } catch (RuntimeException e) {
            long failedMicros = ChangeTracing.nowMicros();
            for (Outgoing o : batch) {
                o.trace().failed(e, publishMicros, failedMicros);
            }
            throw e;
        }
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> f, String topic) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new PublishFailed("Kafka did not acknowledge a change on " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while publishing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

    /** Kafka did not take a batch; the capture replays it. */
    public static final class PublishFailed extends RuntimeException {
        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
