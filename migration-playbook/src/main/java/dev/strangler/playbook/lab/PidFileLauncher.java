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
import org.jspecify.annotations.Nullable;

/**
 * A component that is a process of its own, started detached, tracked by a pid file and recognised by a marker its
 * command line carries, so the lab only ever stops what it started.
 */
final class PidFileLauncher implements Launcher {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<Process> starter;
    private final String marker;
    private final PidFile pidFile;
    /**
     * The process this launcher started, while this CLI runs: until the new process has exec'd its program its
     * command line is the spawn helper's and carries no marker, so the pid file alone would call a process that is
     * just starting "exited".
     */
    private volatile @Nullable Process started;

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
        Process process = starter.get();
        started = process;
        pidFile.write(process.pid());
    }

    @Override
    public Optional<ProcessHandle> running() {
        Process process = started;
        if (process != null && process.isAlive()) {
            return Optional.of(process.toHandle());
        }
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
