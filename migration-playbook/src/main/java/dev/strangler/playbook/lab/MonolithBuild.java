package dev.strangler.playbook.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which build of the monolith the lab runs: the original shop, or the decommissioned one that the playbook's step 7
 * deploys (the same shop with its payment code and every tangle with the payment tables deleted), and on which of its
 * two ports ({@link Deployment}). The choice lives in {@code .lab/legacy-monolith.build}, so a later
 * {@code ./strangler up} starts the same build on the same port, and {@code up --reset} (which deletes it with the
 * rest of the lab's state) starts the original again.
 */
public enum MonolithBuild {

    ORIGINAL("legacy-monolith/target/legacy-monolith.jar", "legacy-monolith/target/classes",
            "The legacy shop (catalog, orders, payments, reports)"),
    DECOMMISSIONED("legacy-monolith-decommissioned/target/legacy-monolith-decommissioned.jar",
            "legacy-monolith-decommissioned/target/classes",
            "The legacy shop, decommissioned: no payment code, payments through the payment service");

    private final String jar;
    private final String classes;
    private final String description;

    MonolithBuild(String jar, String classes, String description) {
        this.jar = jar;
        this.classes = classes;
        this.description = description;
    }

    /** The packaged build in the repository. */
    public Path jar(LabLayout layout) {
        return layout.inRepository(jar);
    }

    /** Its compiled classes (what the analysis reads), else its jar. */
    public Path classes(LabLayout layout) {
        Path dir = layout.inRepository(classes);
        return Files.isDirectory(dir) ? dir : jar(layout);
    }

    /** The repository's module that builds it ({@code legacy-monolith-decommissioned}). */
    public String module() {
        return jar.substring(0, jar.indexOf('/'));
    }

    public String description() {
        return description;
    }

    /** The build the lab runs: {@link #ORIGINAL} unless the playbook deployed another. */
    public static MonolithBuild current(LabLayout layout) {
        return Deployment.current(layout).build();
    }

    /**
     * A build of the monolith on one of its two ports: {@link LabPorts#legacyMonolith()} or
     * {@link LabPorts#legacyMonolithAlternate()}. A redeploy starts the new build on the port the running one does not
     * use, moves the proxy's routes to it and then stops the old one, so no request waits for a start.
     */
    public record Deployment(MonolithBuild build, boolean alternatePort) {

        public static final Deployment INITIAL = new Deployment(ORIGINAL, false);

        public int port(LabPorts ports) {
            return alternatePort ? ports.legacyMonolithAlternate() : ports.legacyMonolith();
        }

        /** {@code build} on the port this deployment does not use. */
        public Deployment next(MonolithBuild build) {
            return new Deployment(build, !alternatePort);
        }

        /** What the lab runs: {@link #INITIAL} unless the playbook deployed another build. */
        public static Deployment current(LabLayout layout) {
            Path file = file(layout);
            if (!Files.isRegularFile(file)) {
                return INITIAL;
            }
            try {
                String[] words = Files.readString(file, StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT)
                        .split("\\s+");
                return new Deployment(MonolithBuild.valueOf(words[0]), words.length > 1 && words[1].equals("ALTERNATE"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (IllegalArgumentException e) {
                throw new LabException(file + " names no build of the monolith (original or decommissioned)");
            }
        }
    }

    /** Makes {@code deployment} the one the lab runs from now on (its process is the caller's to start). */
    public static void select(LabLayout layout, Deployment deployment) {
        Path file = file(layout);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, deployment.build().name().toLowerCase(Locale.ROOT)
                    + (deployment.alternatePort() ? " alternate" : " primary") + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Path file(LabLayout layout) {
        return layout.root().resolve("legacy-monolith.build");
    }
}
