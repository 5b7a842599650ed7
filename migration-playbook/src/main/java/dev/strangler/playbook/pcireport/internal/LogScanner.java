package dev.strangler.playbook.pcireport.internal;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.PciScopeScan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads every file under a log directory, line by line (gzipped ones decompressed). Bytes are read one char each, so
 * a log with broken UTF-8 or binary bits is still scanned whole.
 */
public final class LogScanner {

    private LogScanner() {
    }

    /** What the log files hold; {@code unreadable} names the files that could not be read, with why. */
    public record Result(List<PciScopeScan.Finding> findings, int files, long bytes, List<String> unreadable) {
    }

    /** Scans {@code logs}; locations are shown relative to {@code lab} when the files are under it. */
    public static Result scan(Path logs, Path lab) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<PciScopeScan.Finding> findings = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        long bytes = 0;
        for (Path file : files) {
            String location = shown(file, lab);
            Tally tally = new Tally(PciScopeScan.Source.LOG_FILE, writer(file), location, false);
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16)) {
                String line;
                long number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    bytes += line.length() + 1;
                    tally.add(CardNumberScanner.find(line), "line " + number);
                }
            } catch (IOException e) {
                unreadable.add(location + ": " + e.getMessage());
                continue;
            }
            if (!tally.isEmpty()) {
                findings.add(tally.finding());
            }
        }
        return new Result(findings, files.size(), bytes, unreadable);
    }

    /** The component that writes a log: the lab names each {@code <component>.log}. */
    static String writer(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String shown(Path file, Path lab) {
        Path absolute = file.toAbsolutePath().normalize();
        Path root = lab.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
