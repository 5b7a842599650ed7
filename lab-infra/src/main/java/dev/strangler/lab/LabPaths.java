package dev.strangler.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Machine-wide locations shared by the lab and every module's tests: the cache of unpacked third-party servers
 * (outside {@code target/}, so {@code mvn clean} keeps it).
 */
public final class LabPaths {

    private static final Properties BUILD = load();

    private LabPaths() {
    }

    /** Root of the cache, {@code ~/.m2/lab-infra-cache} unless {@code -Dstrangler.cache} says otherwise. */
    public static Path cache() {
        String override = System.getProperty("strangler.cache");
        return Path.of(override != null ? override : BUILD.getProperty("cache.dir"));
    }

    /**
     * Where the PostgreSQL binaries are unpacked once, shared by all servers on the machine. When the binaries run as
     * {@code nobody} (the root fallback, see {@code lab-infra/shim/unshare}) they go to the temporary directory
     * instead, since {@code nobody} cannot usually enter the home directory of root.
     */
    public static Path postgresBinaries() {
        String folder = "postgres-" + BUILD.getProperty("postgres.version");
        if ("1".equals(System.getenv("STRANGLER_PG_AS_NOBODY"))) {
            return Path.of(System.getProperty("java.io.tmpdir"), "strangler-" + folder);
        }
        return cache().resolve(folder);
    }

    /** Where the build unpacked the schema registry ({@code -Dstrangler.apicurio.home} overrides it). */
    public static Path apicurioHome() {
        return overridable("strangler.apicurio.home", "apicurio.home");
    }

    /** Where the build copied Zipkin's executable jar ({@code -Dstrangler.zipkin.jar} overrides it). */
    public static Path zipkinJar() {
        return overridable("strangler.zipkin.jar", "zipkin.jar");
    }

    private static Path overridable(String systemProperty, String buildProperty) {
        String override = System.getProperty(systemProperty);
        if (override != null) {
            return Path.of(override);
        }
        String value = BUILD.getProperty(buildProperty);
        if (value == null) {
            throw new IllegalStateException("lab-infra.properties on the classpath has no " + buildProperty);
        }
        return Path.of(value);
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = LabPaths.class.getResourceAsStream("/lab-infra.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
