package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;

/** The bytes of an imported class's class file, read where ArchUnit found it (a directory or a jar). */
final class ClassFiles {

    private ClassFiles() {
    }

    /** The class file of {@code c}, or an empty array when ArchUnit recorded no source for it. */
    static byte[] bytes(JavaClass c) {
        var source = c.getSource();
        if (source.isEmpty()) {
            return new byte[0];
        }
        try {
            URLConnection connection = source.get().getUri().toURL().openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + c.getName(), e);
        }
    }
}
