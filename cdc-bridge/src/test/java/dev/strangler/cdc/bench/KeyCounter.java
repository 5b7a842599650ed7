package dev.strangler.cdc.bench;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes a topic from its current end and counts the distinct payment ids in the record keys (the bridge's key is
 * the id, Debezium's JSON key is {@code {"id":N}}: the digits of the key are the id either way). It notes when the
 * count reached the target: the moment the last change of a round became visible to a consumer. Duplicates (an
 * at-least-once replay) are counted apart and do not advance the target.
 */
public final class KeyCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final int target;
    private final BitSet seen = new BitSet();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int distinct;
    private volatile long records;
    private volatile long reachedNanos;
    private volatile long firstNanos;
    private final Arrivals arrivals;

    /** Told of every record's payment id and the time its poll returned, on the counter's thread. */
    @FunctionalInterface
    public interface Arrivals {
        void arrived(long id, long nanos);
    }

    public KeyCounter(String bootstrapServers, String topic, int target) {
        this(bootstrapServers, topic, target, (id, nanos) -> { });
    }

    public KeyCounter(String bootstrapServers, String topic, int target, Arrivals arrivals) {
        this.target = target;
        this.arrivals = arrivals;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-counter-" + topic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the round's first change is written
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("bench-counter-" + topic).start(this::run);
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    if (firstNanos == 0) {
                        firstNanos = now;
                    }
                    int id = idOf(r.key());
                    if (id >= 0) {
                        arrivals.arrived(id, now);
                    }
                    if (id >= 0 && !seen.get(id)) {
                        seen.set(id);
                        distinct++;
                        if (distinct == target) {
                            reachedNanos = now;
                            reached.countDown();
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static int idOf(byte[] key) {
        if (key == null) {
            return -1;
        }
        long id = -1;
        for (byte b : key) {
            if (b >= '0' && b <= '9') {
                id = (id < 0 ? 0 : id * 10) + (b - '0');
            } else if (id >= 0) {
                break;
            }
        }
        return id > Integer.MAX_VALUE ? -1 : (int) id;
    }

    /** Waits until {@code target} distinct ids arrived; false on timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link System#nanoTime()} of the poll that delivered the target's last id, or 0. */
    public long reachedNanos() {
        return reachedNanos;
    }

    /** {@link System#nanoTime()} of the poll that delivered the first record, or 0. */
    public long firstNanos() {
        return firstNanos;
    }

    public int distinct() {
        return distinct;
    }

    public long records() {
        return records;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
