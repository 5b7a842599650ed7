package dev.strangler.lab.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Starting a lab process: output appended to its log, no stdin, optionally in a session of its own. */
public final class DetachedProcesses {

    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    private DetachedProcesses() {
    }

    /**
     * Starts {@code command} in {@code workingDirectory}, stdout and stderr appended to {@code log}.
     *
     * @param ownSession run it under {@code setsid} (when installed), so a Ctrl-C aimed at the launcher does not
     *                   reach the lab
     */
    public static Process start(List<String> command, Path workingDirectory, Path log, Map<String, String> environment,
                                boolean ownSession) {
        List<String> full = new ArrayList<>();
        if (ownSession) {
            SETSID.ifPresent(setsid -> full.add(setsid.toString()));
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.createDirectories(workingDirectory);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** The first executable called {@code name} on the {@code PATH}. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}
