package dev.strangler.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * The configuration keys of the serdes; the same names as Confluent's, so that either client reads the same config
 * (a Kafka client's or a Kafka Connect worker's). Unknown keys are left alone: the serdes get the whole client config.
 */
public final class SerdeConfig {

    /** Base URL of the registry's Confluent API, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /** Register unknown schemas on first use (default true); false means they must have been registered already. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    /** Class of the generated record to read values into; without it the deserializer returns GenericRecords. */
    public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";

    /** Class of the generated record to read keys into. */
    public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";

    /**
     * Where the basic-auth credentials come from: {@code USER_INFO} ({@link #BASIC_AUTH_USER_INFO}) or {@code URL}
     * (the user info of {@link #SCHEMA_REGISTRY_URL}, {@code https://user:password@host/...}, Confluent's default).
     * {@code SASL_INHERIT} is not supported. {@link #BASIC_AUTH_USER_INFO} without {@code USER_INFO} here is refused,
     * because Confluent's client would ignore it and the config would break when swapped for it.
     */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

    /**
     * {@code user:password} for basic authentication, split at the first colon, read when
     * {@link #BASIC_AUTH_CREDENTIALS_SOURCE} is {@code USER_INFO}. Keep the password out of the file with a Kafka
     * config provider: {@code ${file:/run/secrets/registry.properties:user.info}}.
     */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    /** Trust store to check the registry's certificate with; without it, the JDK's default trust store. */
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

    /** Password of the trust store (PKCS12 and JKS; a PEM trust store has none). */
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

    /** Format of the trust store: {@code PKCS12} (default), {@code JKS}, or {@code PEM}, a file of CA certificates. */
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

    /** Key store with the client's key and certificate, for a registry that asks for one (mutual TLS). */
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";

    /** Password of the key store. */
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";

    /** Format of the key store: {@code PKCS12} (default) or {@code JKS}. */
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";

    /** Password of the key in the key store, when it differs from the key store's. */
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /**
     * Accepted only as {@code https} (the default): the registry's host name is always checked against its
     * certificate. An empty value, which turns the check off in Confluent's client, is refused rather than ignored.
     */
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = "schema.registry.ssl.endpoint.identification.algorithm";

    private SerdeConfig() {
    }

    /**
     * The registry connection that {@code configs} describe with Confluent's keys (the URL, basic auth, TLS).
     *
     * @throws ConfigException naming the key of a missing or bad setting, never a password
     */
    public static RegistryConnection connection(Map<String, ?> configs) {
        String url = required(configs, SCHEMA_REGISTRY_URL).strip();
        String algorithm = text(configs, SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
        if (configs.containsKey(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM)
                && (algorithm == null || !algorithm.equalsIgnoreCase("https"))) {
            throw new ConfigException(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM + ": only https is accepted; this client"
                    + " always checks the registry's host name against its certificate");
        }
        String userInfo = text(configs, BASIC_AUTH_USER_INFO);
        String source = text(configs, BASIC_AUTH_CREDENTIALS_SOURCE);
        URI uri = parse(url);
        String urlUserInfo = uri == null ? null : uri.getRawUserInfo();
        String[] credentials = null;
        if (source == null) {
            if (userInfo != null) {
                throw new ConfigException(BASIC_AUTH_USER_INFO + " is set but " + BASIC_AUTH_CREDENTIALS_SOURCE
                        + " is not: set it to USER_INFO (Confluent's client would ignore " + BASIC_AUTH_USER_INFO + ")");
            }
            source = "URL";
        }
        switch (source.strip().toUpperCase(Locale.ROOT)) {
            case "USER_INFO" -> {
                if (userInfo == null) {
                    throw new ConfigException(BASIC_AUTH_USER_INFO + ": required when " + BASIC_AUTH_CREDENTIALS_SOURCE
                            + " is USER_INFO");
                }
                if (urlUserInfo != null) {
                    throw new ConfigException(SCHEMA_REGISTRY_URL + ": carries credentials while "
                            + BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO; remove them from the URL");
                }
                credentials = split(userInfo, BASIC_AUTH_USER_INFO);
            }
            case "URL" -> {
                if (uri != null && urlUserInfo != null) {
                    credentials = split(uri.getUserInfo(), SCHEMA_REGISTRY_URL + " (its user info)");
                    int start = url.indexOf("//" + urlUserInfo + "@") + 2;
                    url = url.substring(0, start) + url.substring(start + urlUserInfo.length() + 1);
                }
            }
            case "SASL_INHERIT" -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE
                    + ": SASL_INHERIT is not supported by this client; use USER_INFO");
            default -> throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + ": unknown source '" + source
                    + "'; use USER_INFO or URL");
        }
        try {
            return new RegistryConnection(url,
                    credentials == null ? null : credentials[0],
                    credentials == null ? null : credentials[1],
                    null,
                    path(configs, SSL_TRUSTSTORE_LOCATION),
                    text(configs, SSL_TRUSTSTORE_PASSWORD),
                    storeType(configs, SSL_TRUSTSTORE_TYPE),
                    path(configs, SSL_KEYSTORE_LOCATION),
                    text(configs, SSL_KEYSTORE_PASSWORD),
                    storeType(configs, SSL_KEYSTORE_TYPE),
                    text(configs, SSL_KEY_PASSWORD));
        } catch (IllegalArgumentException e) {
            throw configException(e);
        }
    }

    /** A client for the registry {@code configs} describe; what the serdes make when none was handed to them. */
    static SchemaRegistryClient client(Map<String, ?> configs) {
        RegistryConnection connection = connection(configs);
        try {
            return new SchemaRegistryClient(connection);
        } catch (IllegalArgumentException e) {
            throw configException(e);
        }
    }

    private static ConfigException configException(IllegalArgumentException e) {
        ConfigException config = new ConfigException(e.getMessage());
        config.initCause(e);
        return config;
    }

    /** The subject of a topic's keys or values (Confluent's TopicNameStrategy). */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    static String required(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(key, value, "required: the base URL of the schema registry's Confluent API");
        }
        return value.toString();
    }

    /** The value of {@code key} as text, null when absent or blank; Kafka's {@link Password}s unwrapped. */
    private static @Nullable String text(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        String text = value instanceof Password secret ? secret.value() : value == null ? null : value.toString();
        return text == null || text.isBlank() ? null : text;
    }

    private static @Nullable Path path(Map<String, ?> configs, String key) {
        String location = text(configs, key);
        return location == null ? null : Path.of(location.strip());
    }

    private static RegistryConnection.@Nullable StoreType storeType(Map<String, ?> configs, String key) {
        String type = text(configs, key);
        if (type == null) {
            return null;
        }
        try {
            return RegistryConnection.StoreType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, type, "use PKCS12, JKS or PEM");
        }
    }

    /** {@code user:password} split at the first colon; the value never lands in the message. */
    private static String[] split(String userInfo, String key) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new ConfigException(key + ": must be user:password (no colon found)");
        }
        return new String[] {userInfo.substring(0, colon), userInfo.substring(colon + 1)};
    }

    private static @Nullable URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null; // RegistryConnection names the bad URL without echoing it
        }
    }

    static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }
}
