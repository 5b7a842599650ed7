package dev.strangler.lab.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link KafkaBroker} as a process of its own: {@code KafkaBrokerMain <port> <controllerPort> <logDirectory>}.
 * SIGTERM shuts it down cleanly through a shutdown hook.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <port> <controllerPort> <logDirectory>");
            System.exit(2);
        }
        KafkaBroker broker = KafkaBroker.start(Path.of(args[2]), Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        stopped.await();
    }
}
