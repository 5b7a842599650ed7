package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.extraction.Extractions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real monolith's build output is, by path: the reactor builds legacy-monolith before this module, and
 * the analysis is tested on what it produced, not on a Maven dependency.
 */
final class MonolithBuild {

    static final Path MODULE = Path.of("..", "legacy-monolith").toAbsolutePath().normalize();
    static final Path STORE = MODULE.resolve("src/test/resources/archunit_store");
    static final Path EXTRACTIONS = MODULE.resolveSibling("extractions");

    private MonolithBuild() {
    }

    static Path classes() {
        Path classes = MODULE.resolve("target/classes");
        assertThat(classes.resolve("dev/strangler/legacy/orders/Orders.class"))
                .as("the monolith's classes; build it first: ./mvnw -o -pl legacy-monolith package -DskipTests")
                .exists();
        return classes;
    }

    /** The scope the repository's descriptor {@code extractions/<name>.yaml} gives. */
    static AnalysisScope scope(String extraction) {
        return AnalysisScope.of(Extractions.load(EXTRACTIONS).get(extraction));
    }

    static Path jar() {
        Path jar = MODULE.resolve("target/legacy-monolith.jar");
        assertThat(Files.isRegularFile(jar))
                .as("the monolith's jar %s; build it first: ./mvnw -o -pl legacy-monolith package -DskipTests", jar)
                .isTrue();
        return jar;
    }
}
