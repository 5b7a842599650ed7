package dev.strangler.playbook.pcireport.internal;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads every file of a database server's data directory as bytes: relation files ({@code base/}, {@code global/}),
 * WAL segments ({@code pg_wal/}), commit logs, replication slots' spill files. A query sees the live rows only; these
 * files also hold dead row versions, the planner's statistics and every change the WAL still keeps. Card numbers are
 * stored as text, so they appear in the bytes as ASCII digits: each run of digits (with single spaces or hyphens
 * between groups) long enough to be one is handed, with the bytes around it, to the same {@link CardNumberScanner}
 * that judges columns, topics and logs. Findings are grouped by what the files are ({@code pg_wal},
 * {@code base (table public.payments)}), never by the numbers.
 */
public final class DataFileScanner {

    /** The fewest digits a card number has ({@link CardNumberScanner}). */
    private static final int MIN_DIGITS = 13;
    /** Bytes on either side of a run that the scanner sees too: it excuses runs inside hex ids, UUIDs, traceparents. */
    private static final int CONTEXT = 160;
    /** Bytes read at a time: a megabyte, and the context a run at its end needs. */
    static final int BUFFER = (1 << 20) + 2 * CONTEXT;

    private DataFileScanner() {
    }

    /** What one data directory holds; {@code unreadable} names the files that could not be read, with why. */
    public record Result(List<PciScopeScan.Finding> findings, long files, long bytes, List<String> unreadable) {
    }

    /** Scans every file under {@code target}'s directory; files that vanish meanwhile (WAL recycled) are skipped. */
    public static Result scan(ScanTargets.DataDirectory target) throws IOException {
        Path root = target.directory().toAbsolutePath().normalize();
        RelationFiles relations = RelationFiles.of(target.jdbcUrl(), target.login());
        Map<String, Tally> groups = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        long bytes = 0;
        byte[] buffer = new byte[BUFFER];
        List<Path> files = files(root);
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            String group = relations.group(relative);
            try (InputStream in = Files.newInputStream(file)) {
                bytes += scan(in, buffer, matches -> groups.computeIfAbsent(group, g -> new Tally(
                        PciScopeScan.Source.DATA_FILE, target.component(), g, false)).add(matches, relative));
            } catch (NoSuchFileException e) {
                // removed while the scan ran: a WAL segment PostgreSQL no longer needs, a temporary file
            } catch (IOException e) {
                unreadable.add(target.component() + " " + relative + ": " + e.getMessage());
            }
        }
        return new Result(groups.values().stream().filter(t -> !t.isEmpty()).map(Tally::finding).toList(),
                files.size(), bytes, unreadable);
    }

    private static List<Path> files(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a directory or file the server removed meanwhile
                }
                throw e;
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * Hands {@code found} the card numbers in {@code in}, read a block at a time into {@code buffer} (more than twice
     * {@link #CONTEXT}); returns the bytes read. A run of digits across two blocks is read whole: the tail of a block
     * is carried into the next one.
     */
    static long scan(InputStream in, byte[] buffer, Consumer<List<CardNumberScanner.Match>> found)
            throws IOException {
        int length = 0;
        int from = 0;
        long total = 0;
        while (true) {
            int read = in.readNBytes(buffer, length, buffer.length - length);
            total += read;
            length += read;
            boolean end = length < buffer.length;
            int pending = runs(buffer, from, length, end, found);
            if (end) {
                return total;
            }
            if (pending <= CONTEXT) {
                // a run as long as the buffer (no data directory has one): read it as it is, so the scan moves on
                runs(buffer, pending, length, true, found);
                pending = length;
            }
            int keep = pending - CONTEXT;
            System.arraycopy(buffer, keep, buffer, 0, length - keep);
            length -= keep;
            from = pending - keep;
        }
    }

    /**
     * Checks the runs of digits that start in {@code buffer[from, length)}; returns where the first one starts that
     * needs bytes beyond {@code length} (its end, or the context after it), or {@code length} when none does.
     */
    private static int runs(byte[] buffer, int from, int length, boolean end,
            Consumer<List<CardNumberScanner.Match>> found) {
        int i = from;
        while (i < length) {
            if (!digit(buffer[i])) {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            while (i < length) {
                if (digit(buffer[i])) {
                    digits++;
                    i++;
                } else if ((buffer[i] == ' ' || buffer[i] == '-') && i + 1 < length && digit(buffer[i + 1])) {
                    i++;
                } else {
                    break;
                }
            }
            if (!end && i + CONTEXT >= length) {
                return start;
            }
            if (digits >= MIN_DIGITS) {
                int windowStart = Math.max(0, start - CONTEXT);
                int windowEnd = Math.min(length, i + CONTEXT);
                String window = new String(buffer, windowStart, windowEnd - windowStart, StandardCharsets.ISO_8859_1);
                int runStart = start - windowStart;
                int runEnd = i - windowStart;
                List<CardNumberScanner.Match> matches = CardNumberScanner.find(window).stream()
                        .filter(m -> m.start() >= runStart && m.start() < runEnd).toList();
                if (!matches.isEmpty()) {
                    found.accept(matches);
                }
            }
        }
        return length;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
