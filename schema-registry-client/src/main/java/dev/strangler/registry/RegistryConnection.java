package dev.strangler.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a schema registry: its URL, the basic-auth credentials it asks for and the TLS stores to trust it (and,
 * for mutual TLS, to present ourselves) with. Production registries sit behind TLS and authentication; a bare URL only
 * reaches the lab's.
 *
 * <p>Every component but the URL may be null, so that a Spring {@code @ConfigurationProperties} record maps onto the
 * canonical constructor one field for one field, blank strings counting as absent. From a Kafka client's config map,
 * with Confluent's key names, {@link SerdeConfig#connection} builds one. Each component matches a Confluent key, and
 * errors name that key, so that a message reads the same whichever way the settings came:
 *
 * <table>
 *   <caption>components and Confluent's keys</caption>
 *   <tr><td>{@code url}</td><td>{@code schema.registry.url}</td></tr>
 *   <tr><td>{@code username}, {@code password}</td><td>{@code basic.auth.user.info} ({@code user:password})</td></tr>
 *   <tr><td>{@code passwordFile}</td><td>none: the password read from a file (a mounted secret), its line end
 *   dropped</td></tr>
 *   <tr><td>{@code truststoreLocation}, {@code truststorePassword}, {@code truststoreType}</td>
 *   <td>{@code schema.registry.ssl.truststore.*}</td></tr>
 *   <tr><td>{@code keystoreLocation}, {@code keystorePassword}, {@code keystoreType}, {@code keyPassword}</td>
 *   <td>{@code schema.registry.ssl.keystore.*}, {@code schema.registry.ssl.key.password}</td></tr>
 * </table>
 *
 * <p>The shape is checked here (a user without a password, TLS stores with an {@code http} URL); the files are read
 * when a {@link SchemaRegistryClient} is made from it, which fails then, naming the setting, never a password. The
 * registry's host name is always checked against its certificate: there is no setting to turn that off.
 *
 * @param url base URL of the registry's Confluent API, without credentials in it
 * @param username basic-auth user, or null for no authentication
 * @param password basic-auth password; or null with {@code passwordFile}
 * @param passwordFile a file holding the basic-auth password; or null with {@code password}
 * @param truststoreLocation the certificates to trust the registry with; null: the JDK's default trust store
 * @param truststorePassword the trust store's password (none for PEM)
 * @param truststoreType PKCS12 (null means PKCS12), JKS, or PEM (a file of CA certificates)
 * @param keystoreLocation a key store with our key and certificate, for a registry that asks for one (mutual TLS)
 * @param keystorePassword the key store's password
 * @param keystoreType PKCS12 (null means PKCS12) or JKS
 * @param keyPassword the key's password, when it differs from the key store's
 */
public record RegistryConnection(
        String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable Path passwordFile,
        @Nullable Path truststoreLocation,
        @Nullable String truststorePassword,
        @Nullable StoreType truststoreType,
        @Nullable Path keystoreLocation,
        @Nullable String keystorePassword,
        @Nullable StoreType keystoreType,
        @Nullable String keyPassword) {

    /** The format of a trust store or key store file. */
    public enum StoreType {
        /** PKCS#12, the JDK's default format since Java 9. */
        PKCS12,
        /** The JDK's legacy format. */
        JKS,
        /** X.509 certificates in PEM, one after the other: trust stores only. */
        PEM
    }

    public RegistryConnection {
        url = requireUrl(url);
        username = blankToNull(username);
        password = blankToNull(password);
        truststorePassword = blankToNull(truststorePassword);
        keystorePassword = blankToNull(keystorePassword);
        keyPassword = blankToNull(keyPassword);
        truststoreType = truststoreType == null ? StoreType.PKCS12 : truststoreType;
        keystoreType = keystoreType == null ? StoreType.PKCS12 : keystoreType;

        if (username != null && password == null && passwordFile == null) {
            throw new IllegalArgumentException(SerdeConfig.BASIC_AUTH_USER_INFO
                    + ": a user name without a password (give a password or a password file)");
        }
        if (username == null && (password != null || passwordFile != null)) {
            throw new IllegalArgumentException(SerdeConfig.BASIC_AUTH_USER_INFO + ": a password without a user name");
        }
        if (password != null && passwordFile != null) {
            throw new IllegalArgumentException(SerdeConfig.BASIC_AUTH_USER_INFO
                    + ": both a password and a password file; give one");
        }
        if (username != null && username.indexOf(':') >= 0) {
            throw new IllegalArgumentException(SerdeConfig.BASIC_AUTH_USER_INFO
                    + ": a basic-auth user name cannot hold a colon (RFC 7617)");
        }
        boolean http = url.regionMatches(true, 0, "http:", 0, 5);
        if (http && truststoreLocation != null) {
            throw new IllegalArgumentException(SerdeConfig.SSL_TRUSTSTORE_LOCATION + " is set but "
                    + SerdeConfig.SCHEMA_REGISTRY_URL + " is plain http, which would not use it: use https://");
        }
        if (http && keystoreLocation != null) {
            throw new IllegalArgumentException(SerdeConfig.SSL_KEYSTORE_LOCATION + " is set but "
                    + SerdeConfig.SCHEMA_REGISTRY_URL + " is plain http, which would not use it: use https://");
        }
        if (truststoreType == StoreType.PEM && truststorePassword != null) {
            throw new IllegalArgumentException(SerdeConfig.SSL_TRUSTSTORE_PASSWORD
                    + ": a PEM trust store has no password; remove it (Kafka refuses it too)");
        }
        if (keystoreType == StoreType.PEM) {
            throw new IllegalArgumentException(SerdeConfig.SSL_KEYSTORE_TYPE
                    + ": PEM key stores are not supported; use PKCS12 or JKS");
        }
    }

    /** A registry reached without authentication, and over https with the JDK's default trust store. */
    public static RegistryConnection of(String url) {
        return new RegistryConnection(url, null, null, null, null, null, null, null, null, null, null);
    }

    /** This connection with basic authentication. */
    public RegistryConnection withBasicAuth(String username, String password) {
        return new RegistryConnection(url, username, password, null, truststoreLocation, truststorePassword,
                truststoreType, keystoreLocation, keystorePassword, keystoreType, keyPassword);
    }

    /** This connection with basic authentication, the password read from {@code passwordFile} (a mounted secret). */
    public RegistryConnection withBasicAuthPasswordFile(String username, Path passwordFile) {
        return new RegistryConnection(url, username, null, passwordFile, truststoreLocation, truststorePassword,
                truststoreType, keystoreLocation, keystorePassword, keystoreType, keyPassword);
    }

    /** This connection trusting the certificates in {@code location} (password null for PEM). */
    public RegistryConnection withTruststore(Path location, @Nullable String password, StoreType type) {
        return new RegistryConnection(url, username, this.password, passwordFile, location, password, type,
                keystoreLocation, keystorePassword, keystoreType, keyPassword);
    }

    /** This connection presenting the key and certificate in {@code location} to a registry that asks (mutual TLS). */
    public RegistryConnection withKeystore(Path location, String password, StoreType type, @Nullable String keyPassword) {
        return new RegistryConnection(url, username, this.password, passwordFile, truststoreLocation,
                truststorePassword, truststoreType, location, password, type, keyPassword);
    }

    /** True when requests carry basic-auth credentials. */
    public boolean hasBasicAuth() {
        return username != null;
    }

    /** Every component, passwords masked: a connection gets logged, and its secrets must not be. */
    @Override
    public String toString() {
        return "RegistryConnection[url=" + url + ", username=" + username + ", password=" + mask(password)
                + ", passwordFile=" + passwordFile + ", truststoreLocation=" + truststoreLocation
                + ", truststorePassword=" + mask(truststorePassword) + ", truststoreType=" + truststoreType
                + ", keystoreLocation=" + keystoreLocation + ", keystorePassword=" + mask(keystorePassword)
                + ", keystoreType=" + keystoreType + ", keyPassword=" + mask(keyPassword) + "]";
    }

    private static String requireUrl(@Nullable String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + ": required");
        }
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            // not the value: a URL that does not parse may still hold credentials
            throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + ": not a URL (at index "
                    + e.getIndex() + ": " + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + ": carries credentials; give them"
                    + " as user name and password (" + SerdeConfig.BASIC_AUTH_USER_INFO + ") instead");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + ": must start with https:// or http://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(SerdeConfig.SCHEMA_REGISTRY_URL + ": names no host");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String mask(@Nullable String secret) {
        return secret == null ? "null" : "****";
    }
}
