package dev.strangler.lab.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line of a child JVM: which {@code java}, memory flags, a marker property, and either a main class on
 * a classpath or an executable jar.
 *
 * <p>The marker ({@code -Dstrangler.component=<id>}) is what {@link PidFile#liveProcess(String)} looks for, so the
 * lab only ever stops processes it started itself.
 */
public record JvmCommand(Path javaExecutable, List<String> jvmFlags, String marker, List<String> launch,
                         List<String> arguments, Map<String, String> environment, Path workingDirectory) {

    public JvmCommand {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        jvmFlags = List.copyOf(jvmFlags);
        launch = List.copyOf(launch);
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** The JDK the current JVM runs on: children use the same one the launcher was started with. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A main class on the current JVM's classpath (used for the lab's own servers: Kafka, the fake PSP). */
    public static JvmCommand mainClass(String marker, List<String> jvmFlags, Class<?> mainClass, List<String> arguments) {
        return new JvmCommand(currentJava(), jvmFlags, marker,
                List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()), arguments, Map.of(),
                Path.of("").toAbsolutePath());
    }

    /** An executable jar, e.g. a Spring Boot application or a third-party server. */
    public static JvmCommand jar(String marker, List<String> jvmFlags, Path jar, List<String> arguments, Path workingDirectory) {
        return new JvmCommand(currentJava(), jvmFlags, marker, List.of("-jar", jar.toString()), arguments, Map.of(),
                workingDirectory);
    }

    /** The same command with {@code flags} put before the others (e.g. a lab-wide marker). */
    public JvmCommand withLeadingJvmFlags(List<String> flags) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(jvmFlags);
        return new JvmCommand(javaExecutable, all, marker, launch, arguments, environment, workingDirectory);
    }

    /** The marker that identifies a component's process in {@code /proc/<pid>/cmdline}. */
    public static String markerFor(String componentId) {
        return "-Dstrangler.component=" + componentId;
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add(marker);
        command.addAll(jvmFlags);
        command.addAll(launch);
        command.addAll(arguments);
        return command;
    }

    /**
     * Starts the JVM, stdout and stderr appended to {@code log}; {@code detached}: in a session of its own
     * ({@code setsid}), so a Ctrl-C aimed at the launcher does not reach the lab.
     */
    public Process start(Path log, boolean detached) {
        return DetachedProcesses.start(toList(), workingDirectory, log, environment, detached);
    }
}
