package dev.strangler.registry;

import dev.strangler.registry.RegistryConnection.StoreType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The TLS context of a {@link RegistryConnection}, built from its stores when the client is made, so that a bad store
 * fails there, with the setting's name, and not at the first record. Host names are checked by the JDK's HTTP client
 * on every connection; nothing here touches that.
 */
final class RegistryTls {

    private RegistryTls() {
    }

    /** The context for {@code connection}'s stores; empty when it names none (the JDK's default trust store). */
    static Optional<SSLContext> context(RegistryConnection connection) {
        Path truststore = connection.truststoreLocation();
        Path keystore = connection.keystoreLocation();
        if (truststore == null && keystore == null) {
            return Optional.empty();
        }
        TrustManager[] trust = truststore == null ? null : trustManagers(truststore,
                connection.truststorePassword(), type(connection.truststoreType()));
        KeyManager[] keys = keystore == null ? null : keyManagers(keystore, connection.keystorePassword(),
                type(connection.keystoreType()), connection.keyPassword());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS context", e);
        }
    }

    /**
     * What went wrong, in the words of the settings, when {@code failure} is a failed TLS handshake; empty otherwise.
     * The JDK's own messages ("PKIX path building failed") say little to whoever has to fix the config.
     */
    static Optional<String> describeFailure(String baseUrl, IOException failure) {
        boolean tls = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException) {
                return Optional.of("the schema registry at " + baseUrl + " presented a certificate this client does"
                        + " not trust: set " + SerdeConfig.SSL_TRUSTSTORE_LOCATION + " to a trust store that holds"
                        + " its CA (" + failure.getMessage() + ")");
            }
            if (cause instanceof CertPathValidatorException) {
                return Optional.of("the certificate of the schema registry at " + baseUrl + " is not valid ("
                        + cause.getMessage() + ")");
            }
            if (cause instanceof CertificateException && isHostNameMismatch(cause.getMessage())) {
                return Optional.of("the certificate of the schema registry at " + baseUrl + " does not name the host "
                        + URI.create(baseUrl).getHost() + ": use a name the certificate carries; host names are"
                        + " always checked (" + cause.getMessage() + ")");
            }
            tls |= cause instanceof SSLException;
        }
        return tls ? Optional.of("TLS with the schema registry at " + baseUrl + " failed (" + failure.getMessage()
                + "); a registry that asks for a client certificate needs " + SerdeConfig.SSL_KEYSTORE_LOCATION)
                : Optional.empty();
    }

    /** The JDK's words for a host name its certificate does not carry (sun.security.util.HostnameChecker). */
    private static boolean isHostNameMismatch(@Nullable String message) {
        return message != null && (message.contains("subject alternative") || message.contains("No name matching"));
    }

    private static StoreType type(@Nullable StoreType type) {
        return type == null ? StoreType.PKCS12 : type;
    }

    private static TrustManager[] trustManagers(Path location, @Nullable String password, StoreType type) {
        KeyStore store = type == StoreType.PEM ? pemTruststore(location)
                : load(location, password, type, SerdeConfig.SSL_TRUSTSTORE_LOCATION, SerdeConfig.SSL_TRUSTSTORE_PASSWORD);
        if (size(store) == 0) {
            throw new IllegalArgumentException(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ": " + location
                    + " holds no certificate" + (password == null && type != StoreType.PEM
                    ? " readable without its password (set " + SerdeConfig.SSL_TRUSTSTORE_PASSWORD + ")" : ""));
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ": cannot trust the certificates in "
                    + location + " (" + e.getMessage() + ")", e);
        }
    }

    private static KeyManager[] keyManagers(Path location, @Nullable String password, StoreType type,
            @Nullable String keyPassword) {
        KeyStore store = load(location, password, type, SerdeConfig.SSL_KEYSTORE_LOCATION, SerdeConfig.SSL_KEYSTORE_PASSWORD);
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException(SerdeConfig.SSL_KEYSTORE_LOCATION + ": " + location
                        + " holds no private key");
            }
            String secret = keyPassword != null ? keyPassword : password;
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, secret == null ? new char[0] : secret.toCharArray());
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            String setting = keyPassword != null ? SerdeConfig.SSL_KEY_PASSWORD : SerdeConfig.SSL_KEYSTORE_PASSWORD;
            throw new IllegalArgumentException(setting + ": does not open the key in " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(SerdeConfig.SSL_KEYSTORE_LOCATION + ": cannot use the key in " + location
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore load(Path location, @Nullable String password, StoreType type, String locationKey,
            String passwordKey) {
        try (InputStream in = Files.newInputStream(location)) {
            KeyStore store = KeyStore.getInstance(type.name());
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(locationKey + ": no such file " + location, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(passwordKey + ": " + (password == null ? "missing, and " : "")
                        + "does not open " + location, e);
            }
            throw new IllegalArgumentException(locationKey + ": cannot read " + location + " as a " + type
                    + " store (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(locationKey + ": cannot read " + location + " as a " + type
                    + " store (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore pemTruststore(Path location) {
        try (InputStream in = Files.newInputStream(location)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ": no such file " + location, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ": cannot read " + location
                    + " as PEM certificates (" + e.getMessage() + ")", e);
        }
    }

    private static int size(KeyStore store) {
        try {
            return store.size();
        } catch (GeneralSecurityException e) {
            return 0;
        }
    }
}
