package dev.strangler.lab.psp;

import java.util.concurrent.CountDownLatch;

/** Runs the fake gateway as a process of its own: {@code FakePspMain <port> <minLatencyMs> <maxLatencyMs>}. */
public final class FakePspMain {

    private FakePspMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: FakePspMain <port> <minLatencyMs> <maxLatencyMs>");
            System.exit(2);
        }
        FakePsp psp = FakePsp.start(new FakePspSettings(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), 30_000));
        System.out.println("Fake payment gateway ready on " + psp.baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            psp.close();
            stopped.countDown();
        }, "fake-psp-shutdown"));
        stopped.await();
    }
}
