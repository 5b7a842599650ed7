package dev.strangler.playbook.pcireport;

import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a scan reads: databases, a Kafka broker, a directory of log files, the database servers' data directories, and
 * what the lab declares as handling card data by design.
 *
 * @param lab                the lab directory (log locations are shown relative to it)
 * @param databases          every text column of every table of each is read
 * @param kafkaBootstrap     {@code host:port}; null: no broker to scan
 * @param logs               every file under it is read; null: no logs
 * @param dataDirectories    every file under each is read as bytes (relation files, WAL segments, ...)
 * @param samplePerPartition records read from the start and from the end of every partition
 * @param byDesign           processes in scope by their purpose
 */
public record ScanTargets(Path lab, List<DatabaseTarget> databases, @Nullable String kafkaBootstrap,
        @Nullable Path logs, List<DataDirectory> dataDirectories, int samplePerPartition,
        List<PciScopeScan.ByDesign> byDesign) {

    public ScanTargets {
        databases = List.copyOf(databases);
        dataDirectories = List.copyOf(dataDirectories);
        byDesign = List.copyOf(byDesign);
        if (samplePerPartition < 1) {
            throw new IllegalArgumentException("the Kafka sample must be at least 1 record per partition");
        }
    }

    /**
     * A database to scan.
     *
     * @param component  the lab component serving it ({@code legacy-db})
     * @param database   its name ({@code shop})
     * @param jdbcUrl    how to connect
     * @param owner      the application that reads and writes it (in scope when it holds card numbers)
     * @param vaultTable the table holding encrypted cards by design, in scope whatever it holds; null: none
     * @param readers    other processes reading a table ({@code payments} -> {@code cdc-bridge}), in scope with it
     */
    public record DatabaseTarget(String component, String database, String jdbcUrl, String owner,
            @Nullable String vaultTable, Map<String, String> readers) {

        public DatabaseTarget {
            readers = Map.copyOf(readers);
        }
    }

    /**
     * A database server's data directory, read as bytes: what a table, its dead row versions and the planner's
     * statistics leave in relation files, and what the WAL keeps after the rows changed, none of which a query shows.
     *
     * @param component the server ({@code legacy-db})
     * @param directory its data directory
     * @param jdbcUrl   a database on that server, asked which table each relation file belongs to; null, or not
     *                  reachable: files are named by their path
     */
    public record DataDirectory(String component, Path directory, @Nullable String jdbcUrl) {
    }

    /**
     * The lab's: both databases and their data directories, its broker, its {@code logs/} directory, ports shifted by
     * the offset.
     */
    public static ScanTargets lab(LabLayout layout, LabPorts ports, int samplePerPartition) {
        List<DatabaseTarget> databases = List.of(
                new DatabaseTarget("legacy-db", "shop", jdbc(ports.legacyDb(), "shop"), "legacy-monolith", null,
                        Map.of("payments", "cdc-bridge")),
                new DatabaseTarget("payments-db", "payments", jdbc(ports.paymentsDb(), "payments"), "payment-service",
                        "vault_cards", Map.of()));
        return new ScanTargets(layout.root(), databases, "127.0.0.1:" + ports.kafka(), layout.root().resolve("logs"),
                databases.stream().map(d -> new DataDirectory(d.component(), layout.data(d.component()), d.jdbcUrl()))
                        .toList(),
                samplePerPartition, labByDesign());
    }

    /** The lab's processes that handle card numbers on purpose. */
    public static List<PciScopeScan.ByDesign> labByDesign() {
        return List.of(
                new PciScopeScan.ByDesign("payment-service", "POST /api/payments, vault",
                        "receives card numbers and keeps them only in its vault, encrypted", -1),
                new PciScopeScan.ByDesign("cdc-bridge", "capture side",
                        "reads the monolith's payments rows and swaps their card numbers for vault tokens", -1));
    }

    public static String jdbc(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&connectTimeout=5&loginTimeout=10";
    }
}
