package dev.strangler.legacy.orders.internal;

import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.legacy.orders.PaymentEventsProperties;
import dev.strangler.registry.AvroDeserializer;
import dev.strangler.registry.RegistryConnection;
import dev.strangler.registry.SchemaRegistryClient;
import dev.strangler.support.kafka.KafkaConnection;
import dev.strangler.support.settings.MissingSetting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Moves orders to PAID from the payment service's events. The shop used to mark an order paid in the same
 * transaction as its payment; once the payment lives in the service (a canary share, after cutover, after the
 * decommission) the shop learns of it here, whatever the route's stage.
 *
 * <p>At least once, idempotent, in order per payment: one consumer thread reads the topic (keyed by payment id),
 * applies a batch, then commits its offsets; a crash re-reads what was not committed, and applying an event twice
 * changes nothing ({@link JooqOrders#markPaidByPayment}). A batch that cannot be applied (the database or the
 * registry is away) is read again after a pause, so no event is lost while a dependency is down; the rest of the
 * shop does not wait for any of it. Logs ids and offsets, never values.
 */
@Component
@ConditionalOnProperty(name = "shop.payment-events.enabled", havingValue = "true")
class PaymentEventsFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventsFollower.class);

    private final PaymentEventsProperties properties;
    private final JooqOrders orders;
    private final KafkaConnection kafka;
    private final RegistryConnection registry;
    private final Clock clock;
    private final Counter paid;
    private final Counter unchanged;
    private final Counter retried;
    private volatile boolean running;
    private @Nullable KafkaConsumer<String, byte[]> consumer;
    private @Nullable Thread thread;

    PaymentEventsFollower(PaymentEventsProperties properties, KafkaConnection kafka, Environment environment,
            JooqOrders orders, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.kafka = kafka;
        this.orders = orders;
        this.clock = clock;
        this.paid = outcome(meters, "paid");
        this.unchanged = outcome(meters, "unchanged");
        this.retried = outcome(meters, "retried");
        if (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            throw new MissingSetting("strangler.kafka.bootstrap-servers", "is required when"
                    + " shop.payment-events.enabled=true");
        }
        // the registry as every component names it: strangler.schema-registry.* (url, credentials, TLS)
        this.registry = Binder.get(environment).bind("strangler.schema-registry", RegistryConnection.class)
                .orElseThrow(() -> new MissingSetting("strangler.schema-registry.url", "is required when"
                        + " shop.payment-events.enabled=true: the schema registry's Confluent API"));
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("shop.payment.events").tag("outcome", outcome)
                .description("Payment service events the shop's orders followed").register(meters);
    }

    @Override
    public void start() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "legacy-monolith-payment-events");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new group reads the whole topic: every payment the service ever made (applying is idempotent)
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // the bridge creates the topic with its partitions; a consumer that came first must not create it with one
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        AvroDeserializer<PaymentChange> events = new AvroDeserializer<>(
                new SchemaRegistryClient(registry), PaymentChange.class);
        consumer = created;
        running = true;
        thread = Thread.ofPlatform().name("payment-events").daemon().start(() -> follow(created, events));
        log.info("Following payment events on {}", properties.topic());
    }

    private void follow(KafkaConsumer<String, byte[]> kafka, AvroDeserializer<PaymentChange> events) {
        try (kafka) {
            kafka.subscribe(List.of(properties.topic()));
            while (running) {
                ConsumerRecords<String, byte[]> batch = kafka.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                try {
                    for (ConsumerRecord<String, byte[]> record : batch) {
                        apply(record, events.deserialize(record.topic(), record.value()));
                    }
                    kafka.commitSync();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    retried.increment();
                    log.warn("Payment events not applied ({}); reading them again in {}", e.getClass().getSimpleName(),
                            properties.retryBackoff());
                    rewind(kafka, batch.partitions());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(properties.retryBackoff().toMillis()));
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll: done
        } catch (RuntimeException e) {
            log.error("Payment events no longer followed", e);
        }
    }

    /** Back to the last committed position of each partition of the batch: what follows it is applied again. */
    private static void rewind(KafkaConsumer<String, byte[]> kafka, Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.committed(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata at = committed.get(partition);
            if (at != null) {
                kafka.seek(partition, at);
            } else {
                kafka.seekToBeginning(List.of(partition));
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record, @Nullable PaymentChange change) {
        OptionalLong order = change == null ? OptionalLong.empty() : PaidByPayment.orderPaidBy(change);
        if (order.isEmpty()) {
            return;
        }
        if (orders.markPaidByPayment(order.getAsLong(), clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            paid.increment();
            log.info("Order {} is PAID: payment {} ({}[{}]@{})", order.getAsLong(), record.key(), record.topic(),
                    record.partition(), record.offset());
        } else {
            unchanged.increment();
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
