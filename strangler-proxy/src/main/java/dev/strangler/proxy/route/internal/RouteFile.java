package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.route.AuditEntry;
import dev.strangler.proxy.route.RouteTableDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The route table's JSON file and, next to it, the append-only audit log ({@code <name>.audit.jsonl}, one JSON
 * object per line). The table is replaced atomically (write a sibling, then rename) and forced to disk, so a crash
 * leaves either the old or the new table, never half of one.
 */
public final class RouteFile {

    private final Path table;
    private final Path audit;
    private final JsonMapper json;

    public RouteFile(Path table, JsonMapper json) {
        this.table = table.toAbsolutePath();
        String name = this.table.getFileName().toString().replaceFirst("\\.json$", "");
        this.audit = this.table.resolveSibling(name + ".audit.jsonl");
        this.json = json;
        try {
            Files.createDirectories(this.table.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + this.table, e);
        }
    }

    public Path tableFile() {
        return table;
    }

    public Path auditFile() {
        return audit;
    }

    public Optional<RouteTableDocument> load() {
        if (!Files.exists(table)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(table.toFile(), RouteTableDocument.class));
    }

    public synchronized void save(RouteTableDocument document) {
        Path next = table.resolveSibling(table.getFileName() + ".next");
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + next, e);
        }
        try {
            Files.move(next, table, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + table, e);
        }
    }

    public synchronized void append(AuditEntry entry) {
        byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(audit, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + audit, e);
        }
    }

    /** The last {@code limit} entries, oldest first. */
    public synchronized List<AuditEntry> tail(int limit) {
        if (!Files.exists(audit)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(audit, StandardCharsets.UTF_8)) {
            lines.filter(l -> !l.isBlank()).forEach(l -> {
                last.addLast(l);
                if (last.size() > limit) {
                    last.removeFirst();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + audit, e);
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (String l : last) {
            entries.add(json.readValue(l, AuditEntry.class));
        }
        return entries;
    }
}
