package dev.strangler.playbook.chaos;

import dev.strangler.playbook.lab.Lab;
import dev.strangler.playbook.lab.LabComponent;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** kill -9 of a lab component, as a crash: no shutdown hook, no graceful close. Shared by the CLI and the drills. */
public final class ComponentKill {

    private ComponentKill() {
    }

    /** Kills {@code name}'s process and waits until it is gone; returns its pid. */
    public static long kill(Lab lab, String name) {
        LabComponent target = lab.component(name).orElseThrow(() -> new IllegalArgumentException(
                "no lab component '" + name + "'; one of: "
                        + String.join(", ", lab.components().stream().map(LabComponent::name).toList())));
        Optional<ProcessHandle> running = target.launcher().running();
        if (running.isEmpty()) {
            throw new IllegalArgumentException(name + " is not running");
        }
        ProcessHandle process = running.get();
        long pid = process.pid();
        process.destroyForcibly();
        boolean gone = process.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() != null
                || !process.isAlive();
        if (!gone) {
            throw new IllegalArgumentException(name + " (pid " + pid + ") is still alive after SIGKILL");
        }
        return pid;
    }
}
