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

    /**
     * Memory of a process and all its descendants, in MiB, as the proportional set size (PSS): pages shared between
     * processes count once, split among them. PostgreSQL forks a process per backend that all map the same shared
     * buffers, so summing their resident sizes would count those buffers many times. Falls back to the resident size
     * (VmRSS) where {@code smaps_rollup} is not readable.
     */
    public static long treeMemoryMb(long rootPid) {
        long kb = 0;
        Deque<ProcessHandle> todo = new ArrayDeque<>();
        ProcessHandle.of(rootPid).ifPresent(todo::add);
        while (!todo.isEmpty()) {
            ProcessHandle handle = todo.poll();
            kb += rollupField(handle.pid(), "Pss:").or(() -> statusField(handle.pid(), "VmRSS:")).orElse(0L);
            handle.children().forEach(todo::add);
        }
        return kb / 1024;
    }

    /** Resident set size of a process and all its descendants, in MiB (shared pages counted in every process). */
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

    private static Optional<Long> rollupField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith(field)) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The command line as the kernel keeps it, one element per argument; empty when the process is gone. */
    public static java.util.List<String> arguments(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String all = new String(raw, StandardCharsets.UTF_8);
            return all.isEmpty() ? java.util.List.of() : java.util.List.of(all.split("\0"));
        } catch (IOException e) {
            return java.util.List.of();
        }
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
