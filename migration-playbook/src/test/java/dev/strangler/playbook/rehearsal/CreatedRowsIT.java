package dev.strangler.playbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.TablePair;
import dev.strangler.lab.junit.TestLab;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal's lost writes for any extraction: the rows its load created through a table pair's owner route must be
 * in both databases, here with a customer signed up through the service that never reached the monolith.
 */
class CreatedRowsIT {

    private static final Extraction CUSTOMERS = Extractions.load(Path.of("..", "extractions")).get("customers");
    private static final TablePair PAIR = CUSTOMERS.table("customers").orElseThrow();

    @Test
    void theRowsCreatedThroughAPairsOwnerRouteAreItsOwn() {
        Map<String, List<Long>> created = Map.of("/api/customers", List.of(7L, 1000000001L),
                "/api/payments", List.of(99L));

        assertThat(CreatedRows.through(CUSTOMERS, PAIR, created)).containsExactly(7L, 1000000001L);
        assertThat(CreatedRows.through(CUSTOMERS, PAIR, Map.of("/api/payments", List.of(99L)))).isEmpty();
    }

    @Test
    void aCreatedRowMissingOnOneSideIsALostWrite() throws Exception {
        String shop = TestLab.freshDatabase(TestLab.legacyPostgres(), "created");
        String service = TestLab.freshDatabase(TestLab.paymentsPostgres(), "created");
        try (Connection c = DriverManager.getConnection(shop); Statement s = c.createStatement()) {
            s.execute("create table customers (id bigint primary key, name text)");
            s.execute("insert into customers values (7, 'Ada'), (1000000001, 'Grace')");
        }
        try (Connection c = DriverManager.getConnection(service); Statement s = c.createStatement()) {
            s.execute("create table customers (id bigint primary key, given_name text)");
            s.execute("insert into customers values (7, 'Ada')"); // the service lost 1000000001
        }
        List<Long> created = List.of(7L, 1000000001L);

        assertThat(CreatedRows.missing(shop, PAIR.legacy(), created)).isZero();
        assertThat(CreatedRows.missing(service, PAIR.extracted(), created)).isEqualTo(1);
        assertThat(CreatedRows.missing(service, PAIR.extracted(), List.of())).isZero();
    }
}
