package dev.strangler.customers;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's own PostgreSQL server for tests ({@code customers-db} in the lab), beside the monolith's: the
 * service shares no server with the shop, here as in the lab. Started once per test JVM under
 * {@code target/test-lab/pg-customers}, stopped at JVM exit, as {@link TestLab} starts its servers.
 */
public final class CustomersPostgres {

    private static PostgresServer server;

    private CustomersPostgres() {
    }

    /** A new empty database on the customers server; its JDBC URL. */
    public static String freshDatabase() {
        return TestLab.freshDatabase(server(), "customers");
    }

    private static synchronized PostgresServer server() {
        if (server == null) {
            Path data = TestLab.directory().resolve("pg-customers");
            // a crashed earlier test JVM may have left its postmaster on this directory: stop it, then start clean
            PostgresServer.stop(data, Duration.ofSeconds(30));
            FileTrees.deleteRecursively(data);
            server = PostgresServer.start(PostgresSettings.of("customers", Ports.freePort(), data,
                            LabPaths.postgresBinaries()).withLogFile(TestLab.directory().resolve("pg-customers.log")),
                    PostgresServer.Mode.ATTACHED);
        }
        return server;
    }
}
