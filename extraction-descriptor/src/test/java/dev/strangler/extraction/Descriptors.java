package dev.strangler.extraction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's descriptors, and broken copies of them written for a test. */
final class Descriptors {

    /** The repository's {@code extractions/} directory (the tests run in the module's directory). */
    static final Path REPOSITORY = Path.of("..", "extractions").toAbsolutePath().normalize();

    private Descriptors() {
    }

    static String text(String name) {
        try {
            return Files.readString(REPOSITORY.resolve(name + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptor {@code name} with {@code from} replaced once by {@code to}, written into {@code dir}. */
    static Path broken(Path dir, String name, String from, String to) {
        String text = text(name);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(name + ".yaml has no '" + from + "'");
        }
        return write(dir, name, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name + ".yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line of {@code file} containing {@code marker}. */
    static int lineOf(Path file, String marker) {
        try {
            var lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException(file + " has no line with '" + marker + "'");
    }
}
