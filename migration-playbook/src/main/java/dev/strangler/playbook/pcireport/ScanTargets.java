package dev.strangler.playbook.pcireport;

import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 * @param kafkaClient        settings for the Kafka clients beyond the bootstrap servers (security.protocol, SASL,
 *                           TLS): a deployment's brokers rarely take plain connections; empty in the lab
 */
public record ScanTargets(Path lab, List<DatabaseTarget> databases, @Nullable String kafkaBootstrap,
        @Nullable Path logs, List<DataDirectory> dataDirectories, int samplePerPartition,
        List<PciScopeScan.ByDesign> byDesign, Map<String, String> kafkaClient) {

    public ScanTargets {
        databases = List.copyOf(databases);
        dataDirectories = List.copyOf(dataDirectories);
        byDesign = List.copyOf(byDesign);
        kafkaClient = java.util.Collections.unmodifiableMap(new TreeMap<>(kafkaClient));
        if (samplePerPartition < 1) {
            throw new IllegalArgumentException("the Kafka sample must be at least 1 record per partition");
        }
    }

    /** Targets whose Kafka clients need no settings beyond the bootstrap servers (the lab's). */
    public ScanTargets(Path lab, List<DatabaseTarget> databases, @Nullable String kafkaBootstrap, @Nullable Path logs,
            List<DataDirectory> dataDirectories, int samplePerPartition, List<PciScopeScan.ByDesign> byDesign) {
        this(lab, databases, kafkaBootstrap, logs, dataDirectories, samplePerPartition, byDesign, Map.of());
    }

    /** Kafka client settings can hold a SASL password: only their keys are shown. */
    @Override
    public String toString() {
        return "ScanTargets[lab=" + lab + ", databases=" + databases + ", kafkaBootstrap=" + kafkaBootstrap
                + ", logs=" + logs + ", dataDirectories=" + dataDirectories + ", samplePerPartition="
                + samplePerPartition + ", byDesign=" + byDesign + ", kafkaClient=" + kafkaClient.keySet() + "]";
    }

    /**
     * Who connects to a database, beside what its JDBC URL says.
     *
     * @param user     null: as the URL says
     * @param password null: none
     */
    public record Login(@Nullable String user, @Nullable String password) {

        /** As the JDBC URL says (the lab's URLs name their user). */
        public static final Login NONE = new Login(null, null);

        /** The driver's connection properties. */
        public Properties properties() {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            return properties;
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
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
            @Nullable String vaultTable, Map<String, String> readers, Login login) {

        public DatabaseTarget {
            readers = Map.copyOf(readers);
        }

        /** A database whose JDBC URL says who connects (the lab's). */
        public DatabaseTarget(String component, String database, String jdbcUrl, String owner,
                @Nullable String vaultTable, Map<String, String> readers) {
            this(component, database, jdbcUrl, owner, vaultTable, readers, Login.NONE);
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
     * @param login     who connects to it
     */
    public record DataDirectory(String component, Path directory, @Nullable String jdbcUrl, Login login) {

        /** A data directory whose database's JDBC URL says who connects (the lab's), or that has none. */
        public DataDirectory(String component, Path directory, @Nullable String jdbcUrl) {
            this(component, directory, jdbcUrl, Login.NONE);
        }
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
