package dev.strangler.proxy;

import java.nio.file.Path;

/** The repository's extraction descriptors, which the proxy's default route table is built from. */
final class Extractions {

    /** {@code extractions/} of the repository (tests run in the module's directory). */
    static final Path REPOSITORY = Path.of("..", "extractions").toAbsolutePath().normalize();

    private Extractions() {
    }
}
