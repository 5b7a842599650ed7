package dev.strangler.cdc.publish;

import dev.strangler.support.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the bridge's topics when they are missing: the change topics with the configured partitions (keyed by
 * row key), the dead letters with one; replicated as {@code strangler.kafka.topics.*} says. Retention is Kafka's default (7 days): the appliers keep their own
 * positions, and the bridge can always rebuild a target by resnapshot.
 */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private final KafkaConnection kafka;

    public TopicSetup(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** Replicated as {@code strangler.kafka.topics.*} says, else as the broker's defaults do. */
    private NewTopic newTopic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), kafka.topics().replication())
                .configs(kafka.topics().topicConfig());
    }

    public void ensure(List<String> changeTopics, int partitions, List<String> singlePartitionTopics) {
        try (Admin admin = Admin.create(kafka.clientConfig(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : changeTopics) {
                if (!existing.contains(t)) {
                    missing.add(newTopic(t, partitions));
                }
            }
            for (String t : singlePartitionTopics) {
                if (!existing.contains(t)) {
                    missing.add(newTopic(t, 1));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                    log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            admin.close(Duration.ofSeconds(5));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.describe() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
