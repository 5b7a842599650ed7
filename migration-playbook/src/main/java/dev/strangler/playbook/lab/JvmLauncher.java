package dev.strangler.playbook.lab;

import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.PidFile;
import dev.strangler.lab.process.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A component that is a JVM of its own, started detached, tracked by a pid file. */
final class JvmLauncher implements Launcher {

    private final JvmCommand command;
    private final PidFile pidFile;
    private final Path log;

    JvmLauncher(JvmCommand command, Path pidFile, Path log) {
        this.command = command;
        this.pidFile = new PidFile(pidFile);
        this.log = log;
    }

    @Override
    public void start() {
        Process process = command.start(log, true);
        pidFile.write(process.pid());
    }

    @Override
    public Optional<ProcessHandle> running() {
        return pidFile.liveProcess(command.marker());
    }

    @Override
    public boolean stop() {
        boolean stopped = running().map(p -> Processes.stop(p, Duration.ofSeconds(30))).orElse(true);
        if (stopped) {
            pidFile.delete();
        }
        return stopped;
    }
}
