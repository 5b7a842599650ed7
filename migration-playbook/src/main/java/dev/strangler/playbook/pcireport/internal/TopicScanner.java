package dev.strangler.playbook.pcireport.internal;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.PciScopeScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a sample of every topic the broker has, internal ones included: the first and the last N records of every
 * partition, through a consumer (so compressed batches, lz4 or otherwise, are decompressed), without a consumer group
 * (nothing is committed, no one's offsets move). Keys, values and header values are scanned as bytes: Avro strings
 * and JSON carry digits as plain characters.
 */
public final class TopicScanner {

    private static final Duration PER_TOPIC = Duration.ofSeconds(30);

    private TopicScanner() {
    }

    /**
     * What the topics hold.
     *
     * @param incomplete topics whose sample could not be read in time, with what was missed
     */
    public record Result(List<PciScopeScan.Finding> findings, int topics, long records, List<String> incomplete) {
    }

    /**
     * Samples every topic of the brokers at {@code bootstrap}.
     *
     * @param client settings for the clients (security.protocol, SASL, TLS; timeouts may be raised too); the
     *               bootstrap servers and how records are read are the scan's own
     */
    public static Result scan(String bootstrap, Map<String, String> client, int samplePerPartition)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Object> common = new HashMap<>(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "strangler-pci-scope",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
        common.putAll(client);
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, TopicDescription> topics;
        try (Admin admin = Admin.create(common)) {
            Set<String> names = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(20, TimeUnit.SECONDS));
            topics = admin.describeTopics(names).allTopicNames().get(20, TimeUnit.SECONDS);
        }
        Map<String, Object> consumerConfig = new HashMap<>(common);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG); // no group: nothing committed, no one's offsets move
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        if (!client.containsKey(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG)) {
            consumerConfig.remove(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG);
        }
        List<PciScopeScan.Finding> findings = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicDescription> sorted = topics.values().stream()
                    .sorted(Comparator.comparing(TopicDescription::name)).toList();
            // every partition assigned once and paused, then read one at a time: reassigning while a fetch is in
            // flight makes the consumer warn about partitions "no longer assigned"
            List<TopicPartition> all = sorted.stream().flatMap(t -> t.partitions().stream()
                    .map(p -> new TopicPartition(t.name(), p.partition()))).toList();
            consumer.assign(all);
            consumer.pause(all);
            for (TopicDescription topic : sorted) {
                Tally tally = new Tally(PciScopeScan.Source.KAFKA_TOPIC, "kafka", topic.name(), false);
                List<TopicPartition> partitions = topic.partitions().stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                long[] read = {0};
                String missed = sample(consumer, partitions, samplePerPartition, tally, read);
                records += read[0];
                if (missed != null) {
                    incomplete.add(topic.name() + ": " + missed);
                }
                if (!tally.isEmpty()) {
                    findings.add(tally.finding());
                }
            }
        }
        return new Result(findings, topics.size(), records, incomplete);
    }

    /** Reads the sample of one topic's partitions into {@code tally}; returns what could not be read, or null. */
    private static @Nullable String sample(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions,
            int n, Tally tally, long[] read) {
        if (partitions.isEmpty()) {
            return null;
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + PER_TOPIC.toNanos();
        List<String> missed = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long first = begin.getOrDefault(tp, 0L);
            long last = end.getOrDefault(tp, 0L);
            if (last <= first) {
                continue;
            }
            List<long[]> ranges = new ArrayList<>();
            ranges.add(new long[] {first, Math.min(last, first + n)});
            if (last - n > first + n) {
                ranges.add(new long[] {last - n, last});
            } else if (first + n < last) {
                ranges.add(new long[] {first + n, last});
            }
            consumer.resume(List.of(tp));
            for (long[] range : ranges) {
                consumer.seek(tp, range[0]);
                while (consumer.position(tp) < range[1]) {
                    if (System.nanoTime() > deadline) {
                        missed.add("partition " + tp.partition() + " from offset " + consumer.position(tp));
                        break;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                        if (r.offset() >= range[1]) {
                            break;
                        }
                        read[0]++;
                        scan(r, tally);
                    }
                }
            }
            consumer.pause(List.of(tp));
        }
        return missed.isEmpty() ? null : String.join(", ", missed) + " not read within " + PER_TOPIC.toSeconds() + " s";
    }

    private static void scan(ConsumerRecord<byte[], byte[]> r, Tally tally) {
        String where = "partition " + r.partition() + " offset " + r.offset();
        if (r.key() != null) {
            tally.add(CardNumberScanner.find(latin1(r.key())), where + " (key)");
        }
        if (r.value() != null) {
            tally.add(CardNumberScanner.find(latin1(r.value())), where + " (value)");
        }
        for (Header h : r.headers()) {
            if (h.value() != null) {
                tally.add(CardNumberScanner.find(latin1(h.value())), where + " (header " + h.key() + ")");
            }
        }
    }

    /** One char per byte: digits stay digits whatever else the bytes are (Avro, compressed-then-decompressed JSON). */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
