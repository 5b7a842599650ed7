package dev.strangler.lab.junit;

import dev.strangler.lab.process.JvmCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A component's packaged jar started as an operator would start it on a machine that is not the lab: without the lab
 * profile, with only the {@code arguments} given. What it printed and how it ended show whether it refuses to run
 * half-configured, naming the setting that is missing.
 *
 * @param exitCode the process's exit code
 * @param output   everything it wrote (standard output and error)
 */
public record UnconfiguredStart(int exitCode, String output) {

    /** Starts {@code jar} in {@code workingDirectory} and waits at most {@code timeout} for it to stop on its own. */
    public static UnconfiguredStart of(Path jar, List<String> arguments, Path workingDirectory, Duration timeout) {
        try {
            Files.createDirectories(workingDirectory);
            Path log = workingDirectory.resolve("unconfigured-start.log");
            Files.deleteIfExists(log);
            Process process = JvmCommand.jar(JvmCommand.markerFor("test-unconfigured"),
                    List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar.toAbsolutePath(), arguments,
                    workingDirectory).start(log, false);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(jar.getFileName() + " did not stop within " + timeout
                        + " without its settings: it started half-configured? See " + log);
            }
            return new UnconfiguredStart(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
