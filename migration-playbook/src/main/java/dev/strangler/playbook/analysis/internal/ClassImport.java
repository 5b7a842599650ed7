package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Imports an application's compiled classes with ArchUnit: a classes directory ({@code target/classes}), a plain jar,
 * or a Spring Boot jar (or war), whose own classes sit under {@code BOOT-INF/classes} ({@code WEB-INF/classes}); its
 * libraries, nested jars, are not read. Only the classes under the root package are imported.
 */
public final class ClassImport {

    private static final List<String> APPLICATION_CLASSES = List.of("BOOT-INF/classes/", "WEB-INF/classes/");

    private ClassImport() {
    }

    /** The application's classes under {@code root} (its generated jOOQ classes included) at {@code location}. */
    public static JavaClasses of(Path location, String root) {
        requireExists(location);
        String packagePath = "/" + root.replace('.', '/') + (root.isEmpty() ? "" : "/");
        ClassFileImporter importer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(l -> l.contains(packagePath));
        JavaClasses classes;
        if (Files.isDirectory(location)) {
            classes = importer.importPath(location);
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                classes = importer.importJar(jar);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + location, e);
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("no class of package " + (root.isEmpty() ? "(any)" : root) + " in "
                    + location);
        }
        return classes;
    }

    /**
     * The package all the application's classes at {@code location} share ({@code com.example} for
     * {@code com.example.billing.Invoice} and {@code com.example.reports.Revenue}); empty when they share none. In a
     * Spring Boot jar only its own classes count, not the launcher's.
     */
    public static String commonPackage(Path location) {
        requireExists(location);
        List<String> names = classNames(location);
        if (names.stream().anyMatch(n -> APPLICATION_CLASSES.stream().anyMatch(n::startsWith))) {
            names = names.stream().filter(n -> APPLICATION_CLASSES.stream().anyMatch(n::startsWith))
                    .map(n -> n.substring(n.indexOf("classes/") + "classes/".length())).toList();
        }
        names = names.stream().filter(n -> !n.startsWith("META-INF/") && !n.endsWith("module-info.class")).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no class in " + location);
        }
        List<String> common = null;
        for (String name : names) {
            List<String> segments = new ArrayList<>(List.of(name.split("/")));
            segments.removeLast();
            if (common == null) {
                common = segments;
            } else {
                int same = 0;
                while (same < common.size() && same < segments.size() && common.get(same).equals(segments.get(same))) {
                    same++;
                }
                common = common.subList(0, same);
            }
        }
        return String.join(".", common == null ? Collections.emptyList() : common);
    }

    /** The class files' paths ({@code com/example/Foo.class}), relative to the directory or the jar's root. */
    private static List<String> classNames(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    return files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> location.relativize(f).toString().replace('\\', '/')).toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    private static void requireExists(Path location) {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("no compiled classes at " + location
                    + ": build them first (the lab's monolith: ./mvnw -pl legacy-monolith package -DskipTests)");
        }
    }
}
