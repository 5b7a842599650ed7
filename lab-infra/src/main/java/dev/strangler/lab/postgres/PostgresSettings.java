package dev.strangler.lab.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how one PostgreSQL server runs.
 *
 * @param name              a short name for logs ({@code legacy}, {@code payments})
 * @param port              TCP port on 127.0.0.1
 * @param dataDirectory     the cluster's data; kept across restarts
 * @param binariesDirectory where the PostgreSQL binaries are unpacked once and shared by all servers
 * @param logFile           where the server's output goes; empty sends it to this JVM's log
 * @param extraConfig       further {@code postgresql.conf} settings, applied last
 */
public record PostgresSettings(String name, int port, Path dataDirectory, Path binariesDirectory,
                               Optional<Path> logFile, Map<String, String> extraConfig) {

    public PostgresSettings {
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        binariesDirectory = binariesDirectory.toAbsolutePath().normalize();
        extraConfig = Map.copyOf(extraConfig);
    }

    public static PostgresSettings of(String name, int port, Path dataDirectory, Path binariesDirectory) {
        return new PostgresSettings(name, port, dataDirectory, binariesDirectory, Optional.empty(), Map.of());
    }

    public PostgresSettings withLogFile(Path file) {
        return new PostgresSettings(name, port, dataDirectory, binariesDirectory, Optional.of(file), extraConfig);
    }
}
