package dev.strangler.playbook.playbook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import dev.strangler.playbook.pcireport.PciScope;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * The decommission's masking on a real PostgreSQL with the lab's settings ({@code wal_level=logical}): after it, no
 * old card number is left anywhere in the server's files, the WAL and {@code pg_statistic} included, and a replication
 * slot that does not confirm is named. Each test starts a server of its own: the masking switches WAL and
 * checkpoints, and a stuck slot holds WAL for the whole server, which the test classes sharing TestLab's servers must
 * not feel.
 */
class CardColumnMaskingIT {

    /** The card networks' test numbers, as the monolith's seed uses them. */
    private static final List<String> CARDS = List.of("4242424242424242", "5555555555554444", "4000056655665556");
    private static final int PAYMENTS = 3000;

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private Path data;

    /**
     * A server with the lab's settings and {@code wal_recycle} as given: off as the lab runs now, on as a lab created
     * before, whose recycled WAL segments keep old records in files named ahead of the WAL.
     */
    private PostgresServer server(String walRecycle) {
        String name = "card-masking-" + SERVERS.incrementAndGet();
        data = TestLab.directory().resolve("pg-" + name);
        PostgresServer.stop(data, Duration.ofSeconds(30));
        FileTrees.deleteRecursively(data);
        return PostgresServer.start(new PostgresSettings(name, Ports.freePort(), data, LabPaths.postgresBinaries(),
                Optional.of(TestLab.directory().resolve("pg-" + name + ".log")), Map.of("wal_recycle", walRecycle)),
                PostgresServer.Mode.ATTACHED);
    }

    @ParameterizedTest(name = "wal_recycle={0}")
    @ValueSource(strings = {"off", "on"})
    void leavesNoCardNumberInTheWalNorInPgStatisticNorInTheTablesFiles(String walRecycle) throws Exception {
        try (PostgresServer server = server(walRecycle)) {
            leavesNoCardNumberIn(server);
        }
    }

    /**
     * The slots' consumers read over the replication protocol and confirm what they received, as Debezium does with
     * heartbeats on, rather than with {@code pg_replication_slot_advance}. (The lab's Debezium once left PostgreSQL's
     * cached minimum of the slots' restart points behind them, so that checkpoints kept the old segments until the
     * wait ran out; this consumer does not provoke that, PlaybookIT's decommission on the lab does.)
     */
    @Test
    void clearsTheWalWhenTheSlotsConsumerConfirmsOverTheReplicationProtocol() throws Exception {
        try (PostgresServer server = server("off")) {
            leavesNoCardNumberIn(server, Bridge.STREAMING);
        }
    }

    /** How the stand-in for the CDC bridge confirms what it has read. */
    private enum Bridge { ADVANCING, STREAMING }

    private void leavesNoCardNumberIn(PostgresServer server) throws Exception {
        leavesNoCardNumberIn(server, Bridge.ADVANCING);
    }

    private void leavesNoCardNumberIn(PostgresServer server, Bridge bridgeKind) throws Exception {
        server.createDatabase("shop");
        String url = server.jdbcUrl("shop");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table payments (id bigserial primary key, order_id bigint not null,"
                    + " card_number varchar(19) not null, status varchar(10) not null)");
            s.execute("create publication bridge_pub for table payments");
            s.execute("select pg_create_logical_replication_slot('bridge_like', 'pgoutput')");
            // a second pair's slot, on a table nothing changes: the lab's legacy database has one per extraction
            s.execute("create table customers (id bigserial primary key, email text)");
            s.execute("create publication quiet_pub for table customers");
            s.execute("select pg_create_logical_replication_slot('quiet_like', 'pgoutput')");
            s.execute("insert into payments (order_id, card_number, status) select g, (array['" + String.join("','", CARDS)
                    + "'])[1 + g % 3], 'AUTHORIZED' from generate_series(1, " + PAYMENTS + ") g");
            s.execute("analyze payments"); // the planner's most common values: the three card numbers
            s.execute("checkpoint");
            s.execute("update payments set status = 'CAPTURED' where id % 2 = 0"); // whole pages logged again
        }
        PciScopeScan before = scanFiles(url);
        assertThat(groups(before)).containsKeys("pg_wal", "base (table public.payments)",
                "base (table pg_catalog.pg_statistic)");
        assertThat(cardNumbersInPgStatistic(url)).isPositive();

        CardColumnMasking.Result result;
        // the CDC bridge, confirming what it has read as it goes
        ScheduledExecutorService bridge = Executors.newSingleThreadScheduledExecutor();
        try (AutoCloseable payments = consume(bridgeKind, url, "bridge_like", "bridge_pub", bridge);
             AutoCloseable customers = consume(bridgeKind, url, "quiet_like", "quiet_pub", bridge)) {
            result = CardColumnMasking.mask(url, "payments", "card_number", Duration.ofSeconds(60));
        } finally {
            bridge.shutdownNow();
            bridge.awaitTermination(10, TimeUnit.SECONDS);
        }

        PciScopeScan after = scanFiles(url);
        long statistics = cardNumbersInPgStatistic(url);
        System.out.printf("card numbers in the server's files before the masking: %s; after: %s; in pg_statistic"
                + " after: %d; %s%n", groups(before), groups(after), statistics, result);
        assertThat(result.columns()).containsExactly("payments.card_number");
        assertThat(result.masked()).isEqualTo(PAYMENTS);
        assertThat(result.left()).isZero();
        assertThat(after.unscanned()).isEmpty();
        assertThat(groups(after)).as("card numbers left in the server's files").isEmpty();
        assertThat(statistics).as("card numbers in pg_statistic").isZero();
    }

    /** Any table and column the descriptor tokenizes, their names quoted as written (here in mixed case). */
    @Test
    void namesTheReplicationSlotThatHasNotConfirmedPastTheMasking() throws Exception {
        try (PostgresServer server = server("off")) {
            server.createDatabase("shop");
            String url = server.jdbcUrl("shop");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create table \"Accounts\" (id bigserial primary key, \"Pan\" varchar(19) not null)");
                s.execute("select pg_create_logical_replication_slot('stuck_bridge', 'pgoutput')");
                s.execute("insert into \"Accounts\" (\"Pan\") values ('4242424242424242')");
            }

            assertThatThrownBy(() -> CardColumnMasking.mask(url, "Accounts", "Pan", Duration.ofSeconds(2)))
                    .isInstanceOf(CardColumnMasking.Held.class)
                    .hasMessageContaining("after 2 s, still reading from before the masking at")
                    .hasMessageContaining("replication slot stuck_bridge (shop, inactive, confirmed up to");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select \"Pan\" from \"Accounts\"")) {
                rs.next();
                assertThat(rs.getString(1)).as("masked before the wait").isEqualTo("************4242");
            }
        }
    }

    private static AutoCloseable consume(Bridge kind, String url, String slot, String publication,
            ScheduledExecutorService bridge) throws SQLException {
        return kind == Bridge.STREAMING ? stream(url, slot, publication, bridge) : advance(url, slot, bridge);
    }

    /** Confirms up to the server's current position with {@code pg_replication_slot_advance}, every 200 ms. */
    private static AutoCloseable advance(String url, String slot, ScheduledExecutorService bridge)
            throws SQLException {
        Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        bridge.scheduleWithFixedDelay(() -> {
            try {
                s.execute("select pg_replication_slot_advance('" + slot + "', pg_current_wal_lsn())");
            } catch (SQLException e) {
                // the masking holds a lock or the server is busy: the next round confirms
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        return c;
    }

    /**
     * Reads the slot over a replication connection and confirms everything received, keep-alives included, every
     * 200 ms: what Debezium's PostgreSQL connector does with heartbeats on.
     */
    private static AutoCloseable stream(String url, String slot, String publication, ScheduledExecutorService bridge)
            throws SQLException {
        Properties props = new Properties();
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        Connection c = DriverManager.getConnection(url, props);
        Connection heartbeats = DriverManager.getConnection(url);
        PGReplicationStream stream = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(slot).withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", publication).withSlotOption("messages", "true").withStatusInterval(200, TimeUnit.MILLISECONDS)
                .start();
        bridge.scheduleWithFixedDelay(() -> {
            try (Statement hb = heartbeats.createStatement()) {
                hb.execute("select pg_logical_emit_message(false, 'strangler.heartbeat', 'heartbeat')");
                while (stream.readPending() != null) {
                    // the changes themselves do not matter here, only that they are read
                }
                stream.setFlushedLSN(stream.getLastReceiveLSN());
                stream.setAppliedLSN(stream.getLastReceiveLSN());
                stream.forceUpdateStatus();
            } catch (SQLException e) {
                // the server is busy: the next round confirms
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        return c;
    }

    /** Every file of the server's data directory, as the PCI scope scan reads them. */
    private PciScopeScan scanFiles(String url) {
        return PciScope.scan(new ScanTargets(data, List.of(), null, null,
                List.of(new ScanTargets.DataDirectory("legacy-db", data, url)), 1, List.of()), line -> { });
    }

    private static Map<String, Long> groups(PciScopeScan scan) {
        return scan.findings().stream().collect(Collectors.toMap(PciScopeScan.Finding::location,
                PciScopeScan.Finding::occurrences, Long::sum, java.util.TreeMap::new));
    }

    private static long cardNumbersInPgStatistic(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select concat_ws(' ', stavalues1::text, stavalues2::text,"
                     + " stavalues3::text, stavalues4::text, stavalues5::text) from pg_statistic")) {
            long found = 0;
            while (rs.next()) {
                found += CardNumberScanner.find(rs.getString(1)).size();
            }
            return found;
        }
    }
}
