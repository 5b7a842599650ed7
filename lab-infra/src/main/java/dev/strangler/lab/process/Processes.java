package dev.strangler.lab.process;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping processes politely: SIGTERM (or the signal a server prefers), a grace period, then SIGKILL. */
public final class Processes {

    private Processes() {
    }

    /** Sends SIGTERM, waits up to {@code grace}, then SIGKILL. Returns true when the process is gone. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        return awaitExit(process, grace) || kill(process);
    }

    /** Sends a named signal (e.g. {@code INT} for a PostgreSQL fast shutdown), then waits, then SIGKILL. */
    public static boolean signalAndStop(ProcessHandle process, String signal, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return awaitExit(process, grace) || kill(process);
    }

    private static boolean kill(ProcessHandle process) {
        process.destroyForcibly();
        return awaitExit(process, Duration.ofSeconds(10));
    }

    /** Waits for a process to exit; true when it did within {@code timeout}. */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
