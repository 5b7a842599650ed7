package dev.strangler.cdc;

import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import java.nio.file.Path;

/**
 * A Kafka broker of a test's own, which the test stops and starts again (the same data, the same ports, so clients
 * reconnect to it): stopping the shared broker would break the tests that run beside it.
 */
final class RestartableKafka implements AutoCloseable {

    private final Path data;
    private final int port = Ports.freePort();
    private final int controllerPort = Ports.freePort();
    private KafkaBroker broker;

    /** Starts a broker with fresh data in {@code target/<name>/kafka}. */
    RestartableKafka(String name) {
        data = Path.of("target", name, "kafka").toAbsolutePath();
        FileTrees.deleteRecursively(data);
        broker = KafkaBroker.start(data, port, controllerPort);
    }

    String bootstrapServers() {
        return KafkaBroker.bootstrapServers(port);
    }

    void stop() {
        broker.close();
    }

    void startAgain() {
        broker = KafkaBroker.start(data, port, controllerPort);
    }

    @Override
    public void close() {
        broker.close();
    }
}
