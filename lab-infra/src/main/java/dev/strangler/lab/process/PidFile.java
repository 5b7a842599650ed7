package dev.strangler.lab.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A pid file naming one child process, written atomically.
 *
 * <p>{@link #liveProcess(String)} only returns a process whose command line still contains the marker the launcher
 * put there: after a reboot or a crash the pid may belong to an unrelated process, which must never be stopped.
 */
public record PidFile(Path path) {

    /** Records {@code pid}, replacing whatever the file said before. */
    public void write(long pid) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(pid), StandardCharsets.US_ASCII);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + path, e);
        }
    }

    /** The recorded pid, if the file exists and holds a number. */
    public Optional<Long> pid() {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).lines().findFirst().orElse("").trim();
            return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The recorded process if it is still alive and its command line contains {@code marker}. */
    public Optional<ProcessHandle> liveProcess(String marker) {
        return pid().flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> ProcessInfo.commandLine(handle.pid()).contains(marker));
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete pid file " + path, e);
        }
    }
}
