package dev.strangler.cdc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * A JDK Flight Recording of one round of the measured pass, for development: {@code -Dbench.jfr=drain,raw} records
 * those rounds (JFR's "profile" settings) to {@code <dir>/<round>.jfr}. Only this JVM (the bridge, the broker, the
 * load generator) is recorded; the child JVMs and PostgreSQL are not. Off by default: the recording costs CPU.
 */
public final class RoundRecording implements AutoCloseable {

    private static final Set<String> ROUNDS = Arrays.stream(System.getProperty("bench.jfr", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

    private final @Nullable Recording recording;
    private final Path file;

    private RoundRecording(@Nullable Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts a recording when {@code round} is asked for and this is the measured pass ({@code tag} "m"). */
    public static RoundRecording of(String round, String tag, Path dir) {
        Path file = dir.resolve(round + ".jfr");
        if (!tag.equals("m") || !ROUNDS.contains(round)) {
            return new RoundRecording(null, file);
        }
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.setName("bench-" + round);
            r.start();
            return new RoundRecording(r, file);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("JFR's profile settings: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (recording != null) {
            recording.stop();
            Files.createDirectories(file.getParent());
            recording.dump(file);
            recording.close();
            System.out.println("JFR recording of the round: " + file);
        }
    }
}
