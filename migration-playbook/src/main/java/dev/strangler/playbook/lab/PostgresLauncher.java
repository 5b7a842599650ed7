package dev.strangler.playbook.lab;

import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * A PostgreSQL server: started through zonky in detached mode (the postmaster outlives the CLI), found and stopped
 * through the {@code postmaster.pid} of its data directory.
 */
final class PostgresLauncher implements Launcher {

    private final PostgresSettings settings;

    PostgresLauncher(PostgresSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start() {
        PostgresServer.start(settings, PostgresServer.Mode.DETACHED);
    }

    @Override
    public Optional<ProcessHandle> running() {
        return PostgresServer.runningPostmaster(settings.dataDirectory());
    }

    @Override
    public boolean stop() {
        return PostgresServer.stop(settings.dataDirectory(), Duration.ofSeconds(30));
    }
}
