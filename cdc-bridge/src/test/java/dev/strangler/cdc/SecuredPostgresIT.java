package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.tls.LabCertificates;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;

/**
 * The bridge on PostgreSQL as a team runs it: TLS with the server's certificate and host name checked
 * ({@code sslmode=verify-full}), a login with a password (from a file), and a server that refuses that login without
 * TLS. Both the bridge's pools and Debezium's replication connections go through the same settings.
 */
class SecuredPostgresIT {

    private static final String USER = "bridge_user";

    @Test
    void carriesChangesOverVerifiedTlsWithAPasswordFromAFile() throws Exception {
        Path dir = Path.of("target", "test-lab-secured-pg").toAbsolutePath();
        PostgresServer.stop(dir.resolve("pg"), Duration.ofSeconds(30));
        FileTrees.deleteRecursively(dir);
        LabCertificates certificates = LabCertificates.in(dir.resolve("tls"), List.of("postgres"));
        PostgresSettings settings = new PostgresSettings("secured", Ports.freePort(), dir.resolve("pg"),
                LabPaths.postgresBinaries(), Optional.of(dir.resolve("pg.log")), Map.of("ssl", "on",
                "ssl_cert_file", certificates.certificatePem("postgres").toString(),
                "ssl_key_file", certificates.keyPem("postgres").toString()));
        try (PostgresServer server = PostgresServer.start(settings, PostgresServer.Mode.ATTACHED)) {
            Db legacy = Schemas.legacy(server, 3);
            Db service = Schemas.customers(server);
            lockDown(server, settings.dataDirectory());
            String plain = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=" + USER
                    + "&password=bridge-secret&sslmode=disable";
            assertThatThrownBy(() -> DriverManager.getConnection(plain).close()).as("the login without TLS")
                    .isInstanceOf(SQLException.class).hasMessageContaining("pg_hba.conf rejects");

            Path secrets = Files.createDirectories(dir.resolve("secrets"));
            Files.writeString(secrets.resolve("bridge.databases.shop.password"), "bridge-secret");
            Files.writeString(secrets.resolve("bridge.databases.customers.password"), "bridge-secret");
            String ca = certificates.caPem().toString();
            try (BridgeInstance bridge = new BridgeInstance("securedpg", "customers", legacy, service,
                    "http://127.0.0.1:9", "spring.config.import=configtree:" + secrets + "/",
                    "bridge.databases.shop.user=" + USER, "bridge.databases.shop.sslmode=verify-full",
                    "bridge.databases.shop.sslrootcert=" + ca,
                    "bridge.databases.customers.user=" + USER, "bridge.databases.customers.sslmode=verify-full",
                    "bridge.databases.customers.sslrootcert=" + ca)) {
                bridge.start();
                bridge.awaitBackfill();

                legacy.update("insert into customers (email, name) values ('frances@example.test', 'Frances Allen')");
                await().atMost(Duration.ofSeconds(60)).until(() -> service.count(
                        "select count(*) from customers where family_name = 'Allen'") == 1);

                try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select count(*), count(*) filter (where l.ssl),"
                             + " count(*) filter (where a.backend_type = 'walsender')"
                             + " from pg_stat_activity a join pg_stat_ssl l using (pid) where a.usename = '"
                             + USER + "'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the bridge's connections").isPositive();
                    assertThat(rs.getLong(2)).as("of them over TLS").isEqualTo(rs.getLong(1));
                    assertThat(rs.getLong(3)).as("Debezium's replication connections, one per side")
                            .isGreaterThanOrEqualTo(2);
                }
            }
        }
    }

    /** A login for the bridge that must come over TLS with its password; the test's own login stays as it was. */
    private static void lockDown(PostgresServer server, Path data) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            // superuser: it creates publications on tables it does not own (a team grants narrower rights)
            s.execute("create role " + USER + " login superuser replication password 'bridge-secret'");
            Path hba = data.resolve("pg_hba.conf");
            Files.writeString(hba, """
                    hostnossl all %1$s 0.0.0.0/0 reject
                    hostnossl replication %1$s 0.0.0.0/0 reject
                    hostssl all %1$s 127.0.0.1/32 scram-sha-256
                    hostssl replication %1$s 127.0.0.1/32 scram-sha-256
                    """.formatted(USER) + Files.readString(hba));
            s.execute("select pg_reload_conf()");
        }
    }
}
