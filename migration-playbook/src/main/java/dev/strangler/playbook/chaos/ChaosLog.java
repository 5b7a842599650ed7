package dev.strangler.playbook.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's append-only record of chaos drills ({@code <lab>/chaos/audit.jsonl}, one JSON object per line): who did
 * what to which component or route, why, and when, including the undoing. Faults injected at the proxy are also in
 * the proxy's own audit log, like every route change; this log is the one place that shows every drill, kills
 * included. Lines are only ever appended (a crash can at worst leave a torn last line, which reading skips).
 */
public final class ChaosLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One drill step. */
    public record Entry(Instant at, String who, String action, String target, String detail, String reason) {
    }

    private final Path file;
    private final Clock clock;

    public ChaosLog(Path labRoot, Clock clock) {
        this.file = labRoot.resolve("chaos").resolve("audit.jsonl");
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Entry append(String action, String target, String detail, String reason) {
        Entry entry = new Entry(clock.instant(), who(), action, target, detail, reason);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", entry.at().toString());
        line.put("who", entry.who());
        line.put("action", action);
        line.put("target", target);
        line.put("detail", detail);
        line.put("reason", reason);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chaos audit log " + file, e);
        }
        return entry;
    }

    /** The last {@code limit} entries, oldest first. */
    public List<Entry> last(int limit) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = JSON.readTree(line);
                    entries.add(new Entry(Instant.parse(n.path("at").asText()), n.path("who").asText(),
                            n.path("action").asText(), n.path("target").asText(), n.path("detail").asText(),
                            n.path("reason").asText()));
                } catch (IOException | RuntimeException torn) {
                    // a line cut short by a crash: skipped, the others stand
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the chaos audit log " + file, e);
        }
        return entries.subList(Math.max(0, entries.size() - limit), entries.size());
    }

    private static String who() {
        String user = System.getenv("USER");
        return user == null || user.isBlank() ? System.getProperty("user.name", "unknown") : user;
    }
}
