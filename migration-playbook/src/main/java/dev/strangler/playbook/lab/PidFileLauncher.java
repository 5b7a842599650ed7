package dev.strangler.playbook.lab;

import dev.strangler.lab.process.DetachedProcesses;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.PidFile;
import dev.strangler.lab.process.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A component that is a process of its own, started detached, tracked by a pid file and recognised by a marker its
 * command line carries, so the lab only ever stops what it started.
 */
final class PidFileLauncher implements Launcher {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<Process> starter;
    private final String marker;
    private final PidFile pidFile;

    private PidFileLauncher(Supplier<Process> starter, String marker, Path pidFile) {
        this.starter = starter;
        this.marker = marker;
        this.pidFile = new PidFile(pidFile);
    }

    /** One of the lab's JVMs. */
    static PidFileLauncher jvm(JvmCommand command, Path pidFile, Path log) {
        return new PidFileLauncher(() -> command.start(log, true), command.marker(), pidFile);
    }

    /** A native program (Prometheus); {@code marker} is a string its command line carries, e.g. a path in the lab. */
    static PidFileLauncher program(List<String> command, String marker, Path pidFile, Path log, Path workingDirectory) {
        List<String> copy = List.copyOf(command);
        return new PidFileLauncher(() -> DetachedProcesses.start(copy, workingDirectory, log, Map.of(), true), marker, pidFile);
    }

    @Override
    public void start() {
        pidFile.write(starter.get().pid());
    }

    @Override
    public Optional<ProcessHandle> running() {
        return pidFile.liveProcess(marker);
    }

    @Override
    public boolean stop() {
        boolean stopped = running().map(p -> Processes.stop(p, STOP_TIMEOUT)).orElse(true);
        if (stopped) {
            pidFile.delete();
        }
        return stopped;
    }
}
