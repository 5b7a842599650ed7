package dev.strangler.cdc;

import dev.strangler.cdc.status.Direction;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the enabled directions: appliers first (they only read Kafka), then the captures; stops them in reverse,
 * so that on a clean stop every published change has a chance to be applied.
 */
final class RunningDirections implements SmartLifecycle {

    private final List<Direction> directions;
    private volatile boolean running;

    RunningDirections(List<Direction> directions) {
        this.directions = List.copyOf(directions);
    }

    List<Direction> directions() {
        return directions;
    }

    @Override
    public void start() {
        directions.forEach(d -> d.applier().start());
        directions.forEach(d -> d.capture().start());
        running = true;
    }

    @Override
    public void stop() {
        directions.forEach(d -> d.capture().stop());
        directions.forEach(d -> d.applier().stop());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
