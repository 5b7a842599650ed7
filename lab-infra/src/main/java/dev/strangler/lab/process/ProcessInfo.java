package dev.strangler.lab.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Facts about a running process read from {@code /proc} (Linux only, which is what the lab runs on). */
public final class ProcessInfo {

    private ProcessInfo() {
    }

    /** The full command line with arguments separated by spaces, or "" when the process is gone or unreadable. */
    public static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident memory of a process and all its descendants, in MiB (PostgreSQL forks one process per backend). */
    public static long treeRssMb(long rootPid) {
        long kb = 0;
        Deque<ProcessHandle> todo = new ArrayDeque<>();
        ProcessHandle.of(rootPid).ifPresent(todo::add);
        while (!todo.isEmpty()) {
            ProcessHandle handle = todo.poll();
            kb += statusField(handle.pid(), "VmRSS:").orElse(0L);
            handle.children().forEach(todo::add);
        }
        return kb / 1024;
    }

    /** Time since the process started, if known. */
    public static Optional<Duration> uptime(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().startInstant())
                .map(start -> Duration.between(start, Instant.now()));
    }

    static Optional<Long> statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
