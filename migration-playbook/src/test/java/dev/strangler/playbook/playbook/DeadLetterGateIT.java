package dev.strangler.playbook.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.playbook.cdc.DeadLetterTopic;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step's gate also counts the bridge's dead-letter topic, from the topic: a step whose own checks pass fails
 * while a change sits there (a decommission once left 10,067 dead letters behind a PASS). Real Kafka.
 */
class DeadLetterGateIT {

    @TempDir
    Path dir;

    @Test
    void aStepThatPassesFailsWhileTheDeadLetterTopicHoldsARecord() throws Exception {
        DeadLetterTopic topic = new DeadLetterTopic(TestLab.kafka().bootstrapServers(), "gate-it-dead-letters-1");
        assertThat(topic.records()).as("a topic that does not exist holds nothing").isZero();
        assertThat(run(topic)).isZero();

        deadLetter(topic.topic());

        assertThat(topic.records()).isEqualTo(1);
        assertThat(run(topic)).isEqualTo(1);
        Map<?, ?> evidence = new ObjectMapper().readValue(dir.resolve("reports/playbook/payments/only.json").toFile(),
                Map.class);
        assertThat(evidence.get("passed")).isEqualTo(false);
        assertThat(String.valueOf(evidence.get("summary"))).contains("1 changes on the dead-letter topic");
        assertThat(((Map<?, ?>) evidence.get("evidence")).get("deadLetters")).isEqualTo(1);
    }

    /** Runs a one-step playbook whose step always passes; its exit code. */
    private int run(DeadLetterTopic topic) throws Exception {
        // the repository's payments extraction with a playbook of one step that always passes
        PlaybookDefinition shipped = PlaybookDefinition.read(Path.of("../extractions/payments.yaml"));
        PlaybookDefinition playbook = new PlaybookDefinition(shipped.extraction(), List.of("payments-read"),
                List.of(new PlaybookDefinition.StepDefinition("only", "analyse", "passes", new AnalyseSettings())));
        Files.deleteIfExists(dir.resolve("state.json"));
        PlaybookState state = PlaybookState.load(dir.resolve("state.json"), playbook);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        StepContext context = new StepContext(new LabLayout(dir, dir.resolve("lab"), dir.resolve("reports")),
                new LabPorts(0), out, dir.resolve("reports"), rps -> {
                    throw new UnsupportedOperationException("no load here");
                });
        Step passes = new Step() {
            @Override
            public String plan(PlaybookDefinition.StepDefinition step, PlaybookDefinition p) {
                return "passes";
            }

            @Override
            public StepOutcome run(PlaybookDefinition.StepDefinition step, PlaybookDefinition p, StepContext c) {
                return StepOutcome.passed("all green", Map.of());
            }

            @Override
            public String undo(PlaybookDefinition.StepDefinition step, PlaybookDefinition p, StepContext c) {
                return "nothing";
            }
        };
        return new PlaybookRunner(playbook, state, context, out, Map.of("analyse", passes), topic).run();
    }

    private static void deadLetter(String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestLab.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "1".getBytes(StandardCharsets.UTF_8),
                    "a change no retry could apply".getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
