package dev.strangler.playbook.lab;

import java.time.Duration;
import java.util.List;

/**
 * One process of the lab.
 *
 * @param name         the id users type ({@code strangler logs kafka})
 * @param description  one line for the status table
 * @param port         its main port
 * @param otherPorts   further ports it binds (a controller or management port), checked before start
 * @param url          what to open or connect to
 * @param dependsOn    components that must be healthy before this one starts
 * @param launcher     how to start, find and stop it
 * @param health       how to tell it works
 * @param startTimeout how long it may take to become healthy
 * @param afterStart   set-up that runs once it is healthy (idempotent: it runs on every start)
 */
public record LabComponent(String name, String description, int port, List<Integer> otherPorts, String url, List<String> dependsOn,
                           Launcher launcher, HealthCheck health, Duration startTimeout, AfterStart afterStart) {

    public LabComponent {
        otherPorts = List.copyOf(otherPorts);
        dependsOn = List.copyOf(dependsOn);
    }

    /** Every port the component binds, main port first. */
    public List<Integer> allPorts() {
        List<Integer> all = new java.util.ArrayList<>();
        all.add(port);
        all.addAll(otherPorts);
        return all;
    }

    /** Idempotent set-up after a component became healthy (create a database, set registry compatibility). */
    @FunctionalInterface
    public interface AfterStart {
        void run() throws Exception;

        AfterStart NOTHING = () -> { };
    }
}
