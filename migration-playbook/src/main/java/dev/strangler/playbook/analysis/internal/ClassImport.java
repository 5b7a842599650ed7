package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Imports the monolith's compiled classes with ArchUnit: a classes directory ({@code target/classes}) or the packaged
 * Spring Boot jar, whose own classes sit under {@code BOOT-INF/classes} (its libraries, nested jars, are not read).
 */
public final class ClassImport {

    private static final String PACKAGE_PATH = "/" + Monolith.ROOT.replace('.', '/') + "/";

    private ClassImport() {
    }

    /** The monolith's classes (its generated jOOQ classes included) at {@code location}. */
    public static JavaClasses of(Path location) {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("no compiled classes at " + location
                    + ": build the monolith first (./mvnw -pl legacy-monolith package -DskipTests)");
        }
        ClassFileImporter importer = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(l -> l.contains(PACKAGE_PATH));
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
        if (classes.stream().noneMatch(Monolith::isCode)) {
            throw new IllegalArgumentException("no class of package " + Monolith.ROOT + " in " + location);
        }
        return classes;
    }
}
