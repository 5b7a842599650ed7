package dev.strangler.cdc.publish;

import dev.strangler.cdc.publish.BrokerAdmin.BrokerUnavailable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records the dead-letter topic holds: each partition's end offset minus its log start offset, summed. The
 * topic is the truth, not what this process sent: a restarted bridge still counts the dead letters an earlier one
 * wrote, and the count falls only when records leave the topic (deleted after a replay, or by retention). It is read
 * at most about once a second, since status, health and the metric ask far more often; while the broker does not
 * answer, the last count stands, and a request never waits behind another one's read.
 */
public final class DeadLetterCount {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final BrokerAdmin kafka;
    private final String topic;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile List<TopicPartition> partitions = List.of();
    private volatile long count;
    private volatile Instant readAt = Instant.MIN;

    public DeadLetterCount(BrokerAdmin kafka, String topic, MeterRegistry meters) {
        this.kafka = kafka;
        this.topic = topic;
        Gauge.builder("strangler.cdc.dead.letters", this, DeadLetterCount::count)
                .description("Records on the dead-letter topic: they stay counted until deleted from it")
                .register(meters);
    }

    public String topic() {
        return topic;
    }

    /** The records on the topic, read from Kafka when the last reading is older than a second. */
    public long count() {
        if (readAt.plus(FRESH).isBefore(Instant.now()) && reading.tryLock()) {
            try {
                if (readAt.plus(FRESH).isBefore(Instant.now())) {
                    read();
                }
            } finally {
                reading.unlock();
            }
        }
        return count;
    }

    private void read() {
        try {
            if (partitions.isEmpty()) {
                partitions = kafka.ask(admin -> admin.describeTopics(List.of(topic)).topicNameValues().get(topic))
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            Map<TopicPartition, ListOffsetsResultInfo> start = offsets(OffsetSpec.earliest());
            Map<TopicPartition, ListOffsetsResultInfo> end = offsets(OffsetSpec.latest());
            long sum = 0;
            for (TopicPartition p : partitions) {
                sum += end.get(p).offset() - start.get(p).offset();
            }
            count = sum;
        } catch (BrokerUnavailable e) {
            partitions = List.of(); // read them again: the topic may have been re-created with other partitions
        }
        readAt = Instant.now();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return kafka.ask(admin -> admin.listOffsets(request).all());
    }
}
