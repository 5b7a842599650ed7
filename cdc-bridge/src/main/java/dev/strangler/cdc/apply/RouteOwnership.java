package dev.strangler.cdc.apply;

import dev.strangler.support.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which side owns each table pair's writes right now, read from the proxy's route table: the proxy's replicas share
 * it on a compacted topic, and the bridge follows the same topic, so the conflict policy changes the moment an
 * operator moves a pair's owner route. Until the topic says anything, the monolith owns the writes (the proxy's
 * default stage).
 */
public final class RouteOwnership implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteOwnership.class);

    private final KafkaConnection kafka;
    private final String topic;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<String, String> stages = new ConcurrentHashMap<>();
    private volatile boolean running;
    /** Counted down by {@link #stop()}: ends a wait at once (no interrupt, see {@link #stop()}). */
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile @Nullable KafkaConsumer<String, String> consumer;

    public RouteOwnership(KafkaConnection kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** The owner of the writes that {@code routeId} serves, as it changes. */
    public Supplier<WriteOwner> owner(String routeId) {
        return () -> WriteOwner.forStage(stages.get(routeId));
    }

    /** The route's stage as last read, or null before the proxy published a table naming it. */
    public @Nullable String stage(String routeId) {
        return stages.get(routeId);
    }

    /** Applies one route-table document (the topic's value). */
    void accept(String document) {
        JsonNode routes = json.readTree(document).path("routes");
        for (JsonNode route : routes) {
            String id = route.path("id").asString();
            String newStage = route.path("stage").asString();
            if (id.isEmpty() || newStage.isEmpty()) {
                continue;
            }
            String old = stages.put(id, newStage);
            if (!newStage.equals(old)) {
                log.info("Route {} is {}: its writes owned by {}", id, newStage, WriteOwner.forStage(newStage));
            }
        }
    }

    @Override
    public synchronized void start() {
        stopping = new CountDownLatch(1);
        running = true;
        Thread.ofPlatform().name("route-ownership").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                    ConsumerConfig.CLIENT_ID_CONFIG, "cdc-bridge-routes",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = List.of();
                while (running && partitions.isEmpty()) {
                    // the proxy creates the topic; until it exists, the monolith owns the writes
                    partitions = c.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of()).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    if (partitions.isEmpty() && stopping.await(2, TimeUnit.SECONDS)) {
                        return;
                    }
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofSeconds(1))) {
                        if (r.value() != null) {
                            try {
                                accept(r.value());
                            } catch (RuntimeException e) {
                                log.warn("Ignoring an unreadable route table at offset {}: {}", r.offset(),
                                        e.getClass().getSimpleName());
                            }
                        }
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Route table unreadable ({}); retrying", e.toString());
                try {
                    if (stopping.await(2, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Wakes the consumer and any wait. No interrupt: a consumer closed on an interrupted thread cannot close its
     * fetcher and logs an ERROR on every shutdown.
     */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
