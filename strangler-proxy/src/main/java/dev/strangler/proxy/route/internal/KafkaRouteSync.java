package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.route.RouteChanged;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.RouteTableDocument;
import dev.strangler.support.kafka.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shares the route table between replicas through a compacted topic with one key ({@value #KEY}): every replica
 * publishes the whole table after a local change and takes any table that supersedes its own (higher version, ties
 * broken by replica id), so all replicas converge on the same table. One thread does all Kafka work; when Kafka is
 * unreachable the replica keeps serving from its file, logs a warning and retries, and publishes its table once
 * Kafka is back if that table is newer than the topic's.
 */
public final class KafkaRouteSync implements SmartLifecycle {

    static final String KEY = "route-table";
    private static final Logger log = LoggerFactory.getLogger(KafkaRouteSync.class);

    private final RouteStore store;
    private final JsonMapper json;
    private final KafkaConnection kafka;
    private final String topic;
    private volatile boolean running;
    private volatile boolean dirty;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public KafkaRouteSync(RouteStore store, JsonMapper json, KafkaConnection kafka, String topic) {
        this.store = store;
        this.json = json;
        this.kafka = kafka;
        this.topic = topic;
        store.addListener(this::changed);
    }

    private void changed(RouteChanged event) {
        if (event.local()) {
            dirty = true;
            KafkaConsumer<String, String> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("route-sync").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long backoff = 1_000;
        while (running) {
            try {
                session();
                backoff = 1_000;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Route table sharing through Kafka ({}) is not working, serving from the file and retrying in {} s: {}",
                            kafka.describe(), backoff / 1000, e.toString());
                }
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 15_000);
        }
    }

    private void session() {
        ensureTopic();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig());
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            consumer = c;
            long end = c.endOffsets(List.of(partition), Duration.ofSeconds(5)).get(partition);
            long topicVersion = -1;
            while (c.position(partition, Duration.ofSeconds(5)) < end) {
                topicVersion = Math.max(topicVersion, apply(c.poll(Duration.ofMillis(200)).records(partition)));
            }
            log.info("Route table sharing through Kafka topic {} is on (topic at version {}, this replica at {})",
                    topic, topicVersion, store.current().version());
            dirty = dirty || store.current().version() > topicVersion;
            while (running) {
                if (dirty) {
                    dirty = false;
                    publish(producer);
                }
                try {
                    apply(c.poll(Duration.ofMillis(500)).records(partition));
                } catch (WakeupException e) {
                    // a local change or stop: loop around
                }
            }
        } finally {
            consumer = null;
        }
    }

    private long apply(List<ConsumerRecord<String, String>> records) {
        long version = -1;
        for (ConsumerRecord<String, String> record : records) {
            if (!KEY.equals(record.key()) || record.value() == null) {
                continue;
            }
            try {
                RouteTableDocument doc = json.readValue(record.value(), RouteTableDocument.class);
                version = Math.max(version, doc.version());
                store.accept(doc);
            } catch (RuntimeException e) {
                log.warn("Skipped an unreadable route table at offset {} of {}", record.offset(), topic);
            }
        }
        return version;
    }

    private void publish(KafkaProducer<String, String> producer) {
        RouteTableDocument doc = store.current().document();
        try {
            producer.send(new ProducerRecord<>(topic, 0, KEY, json.writeValueAsString(doc))).get(10, TimeUnit.SECONDS);
            log.debug("Published route table version {} to {}", doc.version(), topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dirty = true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            dirty = true;
            throw new IllegalStateException("cannot publish the route table", e);
        }
    }

    private void ensureTopic() {
        Properties p = new Properties();
        p.putAll(kafka.clientConfig());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(p)) {
            // one partition: the table's versions stay in order; replicated as strangler.kafka.topics.* says
            Map<String, String> configs = new java.util.HashMap<>(kafka.topics().topicConfig());
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            NewTopic t = new NewTopic(topic, java.util.Optional.of(1), kafka.topics().replication()).configs(configs);
            admin.createTopics(List.of(t)).all().get(6, TimeUnit.SECONDS);
            log.info("Created the compacted topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot reach Kafka", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in 6 s");
        }
    }

    private Properties consumerConfig() {
        Properties p = new Properties();
        p.putAll(kafka.clientConfig());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return p;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.putAll(kafka.clientConfig());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return p;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
