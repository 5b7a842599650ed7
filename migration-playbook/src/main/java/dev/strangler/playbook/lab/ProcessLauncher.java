package dev.strangler.playbook.lab;

import dev.strangler.lab.process.PidFile;
import dev.strangler.lab.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A component that is a native program (not one of our JVMs), started detached in a session of its own, tracked by
 * a pid file and recognised by {@code marker}, a string its command line carries (e.g. a path inside the lab).
 */
final class ProcessLauncher implements Launcher {

    private static final Optional<Path> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    private final List<String> command;
    private final String marker;
    private final PidFile pidFile;
    private final Path log;
    private final Path workingDirectory;

    ProcessLauncher(List<String> command, String marker, Path pidFile, Path log, Path workingDirectory) {
        this.command = List.copyOf(command);
        this.marker = marker;
        this.pidFile = new PidFile(pidFile);
        this.log = log;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void start() {
        List<String> full = new ArrayList<>();
        SETSID.ifPresent(s -> full.add(s.toString()));
        full.addAll(command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.createDirectories(workingDirectory);
            Process process = new ProcessBuilder(full).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            pidFile.write(process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    @Override
    public Optional<ProcessHandle> running() {
        return pidFile.liveProcess(marker);
    }

    @Override
    public boolean stop() {
        boolean stopped = running().map(p -> Processes.stop(p, Duration.ofSeconds(20))).orElse(true);
        if (stopped) {
            pidFile.delete();
        }
        return stopped;
    }
}
