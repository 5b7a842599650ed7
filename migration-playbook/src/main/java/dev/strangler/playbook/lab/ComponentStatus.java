package dev.strangler.playbook.lab;

import java.time.Duration;
import java.util.Optional;

/** What {@code strangler status} shows for one component. */
public record ComponentStatus(LabComponent component, Optional<Long> pid, State state, Optional<Duration> uptime,
                              Optional<Long> rssMb) {

    /** Running and answering, running but not answering, or not running. */
    public enum State {
        HEALTHY, UNHEALTHY, STOPPED;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
