package dev.strangler.proxy.route.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The admin API's bearer token, given or read from a file; a missing file gets a random 256-bit token, created with
 * owner-only permissions (rw-------) from the first byte, so no other user can ever read it. Replicas share a token:
 * the same file on a shared volume, or the same secret.
 */
public final class AdminToken {

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The token given as a value ({@code proxy.admin.token}, e.g. from the environment variable
     * {@code PROXY_ADMIN_TOKEN} or a secret), else the one in {@code file}.
     */
    public static AdminToken of(@Nullable String value, Path file) {
        if (value == null || value.isBlank()) {
            return fromFile(file);
        }
        if (value.trim().length() < 16) {
            throw new IllegalStateException("proxy.admin.token is shorter than 16 characters");
        }
        return new AdminToken(value.trim());
    }

    public static AdminToken fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String value = HexFormat.of().formatHex(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException raced) {
                    // another replica created it a moment ago: use theirs
                }
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (value.length() < 16) {
                throw new IllegalStateException("the admin token in " + file + " is shorter than 16 characters");
            }
            return new AdminToken(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token " + file, e);
        }
    }

    /** Constant-time check of an {@code Authorization} header value. */
    public boolean accepts(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
