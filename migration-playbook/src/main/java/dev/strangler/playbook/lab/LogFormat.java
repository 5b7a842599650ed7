package dev.strangler.playbook.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the lab's Spring applications write their logs: plain text lines (the default) or one JSON object per line
 * (Logstash's layout: the trace id, span id and correlation id are fields). The choice is kept in the lab directory,
 * so it holds for every later {@code up} until changed.
 */
public enum LogFormat {
    PLAIN, JSON;

    private static final String FILE = "log-format";

    /** The lab's current choice; plain when none was made. */
    public static LogFormat of(LabLayout layout) {
        Path file = layout.root().resolve(FILE);
        try {
            return Files.isRegularFile(file) && Files.readString(file).strip().equalsIgnoreCase("json") ? JSON : PLAIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void keep(LabLayout layout) {
        try {
            Files.createDirectories(layout.root());
            Files.writeString(layout.root().resolve(FILE), name().toLowerCase(Locale.ROOT) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's log format", e);
        }
    }

    /** What a Spring application of the lab gets on its command line. */
    List<String> springArguments() {
        return this == JSON ? List.of("--logging.structured.format.console=logstash") : List.of();
    }
}
