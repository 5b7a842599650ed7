package dev.strangler.lab.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.junit.LabExtension;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.process.ProcessInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LabExtension.class)
class PostgresServerIT {

    @Test
    void runsWithLogicalReplicationSettings(PostgresServer server) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            assertThat(show(s, "wal_level")).isEqualTo("logical");
            assertThat(show(s, "synchronous_commit")).isEqualTo("on");
            assertThat(Integer.parseInt(show(s, "max_replication_slots"))).isGreaterThanOrEqualTo(4);
            assertThat(Integer.parseInt(show(s, "max_wal_senders"))).isGreaterThanOrEqualTo(4);
            assertThat(show(s, "max_slot_wal_keep_size")).isEqualTo("1GB");
            // a WAL segment the server no longer needs is deleted, not renamed with its old rows still inside
            assertThat(show(s, "wal_recycle")).isEqualTo("off");
            assertThat(show(s, "wal_keep_size")).isEqualTo("0");
            assertThat(Integer.parseInt(show(s, "server_version_num"))).isGreaterThanOrEqualTo(160000);
        }
    }

    @Test
    void createsPublicationAndLogicalReplicationSlot(PostgresServer server) throws Exception {
        String url = TestLab.freshDatabase(server, "cdc");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create table payments (id bigint primary key, amount numeric(12,2))");
            s.execute("create publication payments_pub for table payments");
            s.execute("select pg_create_logical_replication_slot('payments_slot_" + System.nanoTime() + "', 'pgoutput')");
            s.execute("insert into payments values (1, 12.50)");
            try (ResultSet rs = s.executeQuery("select count(*) from pg_replication_slots where slot_name like 'payments_slot_%' and plugin = 'pgoutput'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from pg_publication_tables where pubname = 'payments_pub'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            s.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name like 'payments_slot_%'");
        }
    }

    @Test
    void keepsDataAcrossStopAndStart(@TempDir Path dir) throws Exception {
        PostgresSettings settings = PostgresSettings.of("durable", Ports.freePort(), dir.resolve("data"), LabPaths.postgresBinaries());
        try (PostgresServer first = PostgresServer.start(settings, PostgresServer.Mode.ATTACHED);
             Connection c = DriverManager.getConnection(first.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('survives a restart')");
        }
        assertThat(PostgresServer.runningPostmaster(settings.dataDirectory())).isEmpty();

        try (PostgresServer second = PostgresServer.start(settings, PostgresServer.Mode.ATTACHED);
             Connection c = DriverManager.getConnection(second.jdbcUrl("postgres")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives a restart");
        }
    }

    @Test
    void startAfterKill9OfItsLauncherLeavesExactlyOneHealthyServer(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        Path data = dir.resolve("data");
        Process launcher = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StartPostgresAndWait.class.getName(), Integer.toString(port), data.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("launcher.log").toFile())
                .start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> PostgresServer.isHealthy(port) || !launcher.isAlive());
            assertThat(launcher.isAlive()).as("launcher still running (see launcher.log)").isTrue();
        } finally {
            launcher.destroyForcibly(); // kill -9: no shutdown hook runs
            launcher.waitFor(30, TimeUnit.SECONDS);
        }
        // pg_ctl daemonized the postmaster, so it outlives the JVM that started it
        assertThat(postmastersOn(data)).hasSize(1);

        try (PostgresServer restarted = PostgresServer.start(
                PostgresSettings.of("restarted", port, data, LabPaths.postgresBinaries()), PostgresServer.Mode.ATTACHED)) {
            assertThat(postmastersOn(data)).hasSize(1);
            assertThat(PostgresServer.isHealthy(port)).isTrue();
            assertThat(restarted.postmasterPid()).isPresent();
        }
        assertThat(postmastersOn(data)).isEmpty();
    }

    /** Command lines of the postmasters serving {@code data} (shown in full when an assertion fails). */
    private static List<String> postmastersOn(Path data) {
        return ProcessHandle.allProcesses()
                .filter(p -> PostgresServer.isPostmasterOf(p.pid(), data))
                .map(p -> p.pid() + ": " + ProcessInfo.commandLine(p.pid()))
                .toList();
    }

    private static String show(Statement s, String setting) throws Exception {
        try (ResultSet rs = s.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
