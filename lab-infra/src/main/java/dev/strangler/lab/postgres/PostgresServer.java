package dev.strangler.lab.postgres;

import dev.strangler.lab.process.ProcessInfo;
import dev.strangler.lab.process.Processes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL server on a data directory of its own.
 *
 * <p>Two modes: {@link Mode#ATTACHED} (tests) stops the server when the JVM exits; {@link Mode#DETACHED} (the lab)
 * leaves it running after the launcher exits, to be stopped later through {@link #stop(Path, Duration)}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser zonky's initdb creates; trust authentication on 127.0.0.1 only. */
    public static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    /** Whether the server's life is tied to this JVM. */
    public enum Mode { ATTACHED, DETACHED }

    private final PostgresSettings settings;
    private final EmbeddedPostgres embedded;

    private PostgresServer(PostgresSettings settings, EmbeddedPostgres embedded) {
        this.settings = settings;
        this.embedded = embedded;
    }

    /**
     * Starts a server on {@code settings.dataDirectory()}, first stopping a postmaster that a crashed JVM left on
     * that directory.
     */
    public static PostgresServer start(PostgresSettings settings, Mode mode) {
        try {
            stopStalePostmaster(settings.dataDirectory(), Duration.ofSeconds(30));
            Files.createDirectories(settings.binariesDirectory());
            RootFallback.prepareDataDirectory(settings.dataDirectory());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(settings.binariesDirectory().toFile())
                    .setDataDirectory(settings.dataDirectory().toFile())
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(mode == Mode.ATTACHED)
                    .setPort(settings.port())
                    .setPGStartupWait(Duration.ofSeconds(60));
            settings.logFile().ifPresent(logFile -> {
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                builder.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            });
            serverConfig(settings).forEach(builder::setServerConfig);
            EmbeddedPostgres embedded = builder.start();
            log.info("PostgreSQL '{}' ready on port {}", settings.name(), settings.port());
            return new PostgresServer(settings, embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL '" + settings.name() + "' did not start on port "
                    + settings.port() + " (data in " + settings.dataDirectory() + ")", e);
        }
    }

    /** The server settings the lab relies on; see the package documentation for why each one matters. */
    static Map<String, String> serverConfig(PostgresSettings settings) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "127.0.0.1");
        config.put("unix_socket_directories", "");
        config.put("wal_level", "logical");
        config.put("max_replication_slots", "10");
        config.put("max_wal_senders", "10");
        // zonky's default is off, which holds WAL (and so CDC) back until the WAL writer flushes: ~190 ms vs ~7 ms p50
        config.put("synchronous_commit", "on");
        // a CDC slot that nobody reads must not fill the disk
        config.put("max_slot_wal_keep_size", "1GB");
        // PostgreSQL recycles a WAL segment it no longer needs by renaming it to a future segment's name, and the old
        // records (card numbers the playbook has since masked, say) stay in that file until new WAL overwrites them,
        // where a scan of pg_wal finds them. Off, the segment is unlinked; the cost is creating a new one when needed
        config.put("wal_recycle", "off");
        // PostgreSQL's default, spelled out: any WAL kept past a checkpoint for standbys (the lab has none) would also
        // keep the rows it logged; replication slots hold what the CDC bridge has not confirmed, capped above
        config.put("wal_keep_size", "0");
        config.put("max_connections", "100");
        // PostgreSQL's own default: at 32 MB the bridge's apply of a 200,000-row backlog had its backends evicting
        // dirty pages themselves (IO:DataFileWrite in pg_stat_activity, benchmarks/cdc stall probe); the memory is
        // only touched as tables grow, so a workshop-sized lab does not pay for it
        config.put("shared_buffers", "128MB");
        // zonky starts with fsync off: fine for a lab (documented), not for production
        config.putAll(settings.extraConfig());
        return config;
    }

    public String name() {
        return settings.name();
    }

    public int port() {
        return settings.port();
    }

    /** JDBC URL of database {@code database} as the superuser. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + settings.port() + "/" + database + "?user=" + SUPERUSER;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        createDatabase(settings.port(), database);
    }

    /** Creates {@code database} on the server at 127.0.0.1:{@code port} unless it exists. */
    public static void createDatabase(int port, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, "");
             Statement s = c.createStatement();
             var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
            if (!rs.next()) {
                s.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on port " + port, e);
        }
    }

    /** The postmaster's pid, read from its data directory. */
    public Optional<Long> postmasterPid() {
        return postmasterPid(settings.dataDirectory());
    }

    /** Stops the server. In {@link Mode#ATTACHED} mode this also happens when the JVM exits. */
    @Override
    public void close() {
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a server answers {@code select 1} on 127.0.0.1:{@code port}. */
    public static boolean isHealthy(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?connectTimeout=2&socketTimeout=3", SUPERUSER, "");
             Statement s = c.createStatement()) {
            return s.execute("select 1");
        } catch (SQLException e) {
            return false;
        }
    }

    /** The pid in {@code <dataDirectory>/postmaster.pid}, if the file exists. */
    public static Optional<Long> postmasterPid(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The live postmaster serving {@code dataDirectory}, if any. Checked by command line, so that a recycled pid
     * is never mistaken for our server.
     */
    public static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
        return postmasterPid(dataDirectory)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> isPostmasterOf(p.pid(), dataDirectory));
    }

    /**
     * True when process {@code pid} is a postmaster serving {@code dataDirectory}: its executable is PostgreSQL's
     * {@code postgres} binary and it was given {@code -D <dataDirectory>}. A {@code pg_ctl} or a shell mentioning the
     * directory is not one.
     */
    public static boolean isPostmasterOf(long pid, Path dataDirectory) {
        List<String> args = ProcessInfo.arguments(pid);
        if (args.isEmpty() || !args.getFirst().endsWith("/bin/postgres")) {
            return false;
        }
        String dir = dataDirectory.toAbsolutePath().normalize().toString();
        int d = args.indexOf("-D");
        return d >= 0 && d + 1 < args.size() && Path.of(args.get(d + 1)).toAbsolutePath().normalize().toString().equals(dir);
    }

    /** Fast shutdown (SIGINT) of the postmaster on {@code dataDirectory}; true when none runs afterwards. */
    public static boolean stop(Path dataDirectory, Duration grace) {
        return runningPostmaster(dataDirectory)
                .map(postmaster -> Processes.signalAndStop(postmaster, "INT", grace))
                .orElse(true);
    }

    private static void stopStalePostmaster(Path dataDirectory, Duration grace) {
        runningPostmaster(dataDirectory).ifPresent(postmaster -> {
            log.warn("Stopping PostgreSQL pid {} left running on {} by an earlier process", postmaster.pid(), dataDirectory);
            if (!Processes.signalAndStop(postmaster, "INT", grace)) {
                throw new IllegalStateException("cannot stop the stale PostgreSQL pid " + postmaster.pid());
            }
        });
    }
}
