package dev.strangler.playbook.lab;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code strangler status} shows for one component.
 *
 * @param memoryMb proportional set size of its process tree (shared pages counted once): what it really costs
 * @param rssMb    resident set size of its process tree (shared pages counted in each process)
 */
public record ComponentStatus(LabComponent component, Optional<Long> pid, State state, Optional<Duration> uptime,
                              Optional<Long> memoryMb, Optional<Long> rssMb) {

    /** Running and answering, running but not answering, or not running. */
    public enum State {
        HEALTHY, UNHEALTHY, STOPPED;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
