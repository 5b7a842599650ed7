package dev.strangler.playbook.pcireport;

import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a scan reads: databases, a Kafka broker, a directory of log files, and what the lab declares as handling card
 * data by design.
 *
 * @param lab                the lab directory (log locations are shown relative to it)
 * @param databases          every text column of every table of each is read
 * @param kafkaBootstrap     {@code host:port}; null: no broker to scan
 * @param logs               every file under it is read; null: no logs
 * @param samplePerPartition records read from the start and from the end of every partition
 * @param byDesign           processes in scope by their purpose
 */
public record ScanTargets(Path lab, List<DatabaseTarget> databases, @Nullable String kafkaBootstrap,
        @Nullable Path logs, int samplePerPartition, List<PciScopeScan.ByDesign> byDesign) {

    public ScanTargets {
        databases = List.copyOf(databases);
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

    /** The lab's: both databases, its broker, its {@code logs/} directory, ports shifted by the offset. */
    public static ScanTargets lab(LabLayout layout, LabPorts ports, int samplePerPartition) {
        return new ScanTargets(layout.root(), List.of(
                new DatabaseTarget("legacy-db", "shop", jdbc(ports.legacyDb(), "shop"), "legacy-monolith", null,
                        Map.of("payments", "cdc-bridge")),
                new DatabaseTarget("payments-db", "payments", jdbc(ports.paymentsDb(), "payments"), "payment-service",
                        "vault_cards", Map.of())),
                "127.0.0.1:" + ports.kafka(), layout.root().resolve("logs"), samplePerPartition, labByDesign());
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
