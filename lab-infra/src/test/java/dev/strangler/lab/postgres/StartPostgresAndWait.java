package dev.strangler.lab.postgres;

import dev.strangler.lab.LabPaths;
import java.nio.file.Path;

/** A launcher JVM for the kill -9 test: starts an attached server, then waits to be killed. */
public final class StartPostgresAndWait {

    private StartPostgresAndWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresServer.start(PostgresSettings.of("victim", Integer.parseInt(args[0]), Path.of(args[1]),
                LabPaths.postgresBinaries()), PostgresServer.Mode.ATTACHED);
        Thread.currentThread().join();
    }
}
