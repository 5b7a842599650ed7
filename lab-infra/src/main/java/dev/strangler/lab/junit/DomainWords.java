package dev.strangler.lab.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the source files that name a domain. The engines (the proxy, the CDC bridge) must know none: an extraction's
 * domain lives in its descriptor and its service, and a word such as {@code payment} in an engine's class is a gap
 * in the descriptor format that someone closed with a special case.
 */
public final class DomainWords {

    private DomainWords() {
    }

    /** The files under {@code sourceRoot} whose text contains any of {@code words}, case-insensitively. */
    public static List<Path> filesNaming(Path sourceRoot, String... words) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(Files::isRegularFile).filter(f -> names(f, words)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean names(Path file, String[] words) {
        try {
            String text = Files.readString(file).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (text.contains(w.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
