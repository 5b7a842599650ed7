package dev.strangler.lab.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;

/**
 * PostgreSQL refuses to run as root. zonky runs it under {@code unshare -U} where user namespaces work; on hosts
 * without them the documented fallback is the {@code unshare} shim in {@code lab-infra/shim/}, put first on PATH
 * with {@code STRANGLER_PG_AS_NOBODY=1}: it runs the binaries as {@code nobody}, so the data directory must belong
 * to {@code nobody} before initdb runs. This class does that part.
 */
final class RootFallback {

    static final String ENV = "STRANGLER_PG_AS_NOBODY";

    private RootFallback() {
    }

    static void prepareDataDirectory(Path dataDirectory) throws IOException {
        if (!"1".equals(System.getenv(ENV)) || Files.exists(dataDirectory)) {
            Files.createDirectories(dataDirectory.getParent());
            return;
        }
        Files.createDirectories(dataDirectory);
        UserPrincipalLookupService users = dataDirectory.getFileSystem().getUserPrincipalLookupService();
        try {
            Files.setOwner(dataDirectory, users.lookupPrincipalByName("nobody"));
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dataDirectory + " to user nobody (" + ENV + "=1)", e);
        }
    }
}
