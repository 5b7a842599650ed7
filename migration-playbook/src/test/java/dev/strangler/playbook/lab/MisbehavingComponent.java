package dev.strangler.playbook.lab;

/** A lab component that misbehaves on purpose: {@code exit} dies with a message, {@code hang} never gets healthy. */
public final class MisbehavingComponent {

    private MisbehavingComponent() {
    }

    public static void main(String[] args) throws InterruptedException {
        if ("exit".equals(args[0])) {
            System.err.println("boom: the port is on fire");
            System.exit(3);
        }
        System.out.println("starting, slowly");
        Thread.currentThread().join();
    }
}
