package dev.strangler.cdc.bench;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.debezium.engine.format.KeyValueHeaderChangeEventFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline of the capture benchmark: a Debezium embedded engine (the same async engine as the bridge) whose
 * change events, converted to JSON by Debezium, go straight to a Kafka topic: no mapping, no tokenization, no Avro.
 * The handler does what the bridge's handlers do around their own work: send the batch, wait for every
 * acknowledgement, then mark the records processed and the batch finished. The values hold card numbers: this
 * class never logs them, and its topic belongs to the benchmark's throw-away lab.
 */
public final class RawDebeziumPipe implements AutoCloseable {

    private static final String ASYNC_ENGINE = "io.debezium.embedded.async.ConvertingAsyncEngineBuilderFactory";

    private final Properties config;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("raw-debezium").factory());
    private volatile DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile String failure;

    /**
     * @param config the engine's settings (the bridge's {@code DebeziumConfig}, so that the tuning is identical)
     */
    public RawDebeziumPipe(Properties config, String bootstrapServers, String topic) {
        this.config = config;
        this.topic = topic;
        // the producer settings of the bridge's ChangePublisher
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-debezium",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public RawDebeziumPipe start() {
        DebeziumEngine<ChangeEvent<String, String>> e = DebeziumEngine
                .create(KeyValueHeaderChangeEventFormat.of(Json.class, Json.class, Json.class), ASYNC_ENGINE)
                .using(config)
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    if (!success) {
                        failure = message + (error == null ? "" : " (" + error.getClass().getSimpleName() + ")");
                    }
                })
                .build();
        engine = e;
        runner.execute(e);
        return this;
    }

    /** Why the engine stopped by itself, or null. */
    public String failure() {
        return failure;
    }

    private void handleBatch(List<ChangeEvent<String, String>> records,
            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ChangeEvent<String, String> event : records) {
            byte[] key = event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8);
            // tombstones are forwarded as they are (compaction needs them)
            byte[] value = event.value() == null ? null : event.value().getBytes(StandardCharsets.UTF_8);
            sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge a raw change", e.getCause());
            }
        }
        for (ChangeEvent<String, String> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    @Override
    public void close() {
        DebeziumEngine<ChangeEvent<String, String>> e = engine;
        if (e != null) {
            try {
                e.close();
            } catch (IOException | RuntimeException ex) {
                System.out.println("raw engine did not close cleanly: " + ex);
            }
        }
        runner.shutdown();
        try {
            runner.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
