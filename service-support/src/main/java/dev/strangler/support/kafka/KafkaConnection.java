package dev.strangler.support.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.strangler.support.settings.MissingSetting;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every component reaches Kafka: {@code strangler.kafka.*}, the same settings in each (environment variables
 * {@code STRANGLER_KAFKA_BOOTSTRAPSERVERS}, {@code STRANGLER_KAFKA_SECURITYPROTOCOL}, {@code STRANGLER_KAFKA_SASL_*},
 * {@code STRANGLER_KAFKA_SSL_*}). Every Kafka client a component creates starts from {@link #clientConfig()}, so a
 * cluster with TLS and SASL needs no setting per client. Secrets may come from files: Spring's
 * {@code spring.config.import=configtree:/run/secrets/} turns a file named {@code strangler.kafka.sasl.password} into
 * the setting, and Kafka's own config providers work through {@code strangler.kafka.properties.*}.
 *
 * <p>Nothing here points at a machine: the lab profile sets {@code bootstrap-servers}; elsewhere a component that
 * needs Kafka and has none stops at start with a message naming the setting.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param sasl             mechanism and credentials, for the SASL protocols
 * @param ssl              trust and key stores, for the SSL protocols
 * @param properties       any further client setting, as Kafka names it (applied last: it overrides the above)
 * @param topics           how the topics a component creates are replicated
 */
@ConfigurationProperties("strangler.kafka")
public record KafkaConnection(@Nullable String bootstrapServers, @DefaultValue("PLAINTEXT") String securityProtocol,
        @DefaultValue Sasl sasl, @DefaultValue Ssl ssl, @Nullable Map<String, String> properties,
        @DefaultValue Topics topics) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");

    public KafkaConnection {
        securityProtocol = securityProtocol.trim().toUpperCase(Locale.ROOT);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A plain connection to {@code bootstrapServers}: the lab's, and tests'. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, "PLAINTEXT", Sasl.NONE, Ssl.NONE, Map.of(), Topics.BROKER_DEFAULTS);
    }

    /**
     * The settings every client starts from: bootstrap servers and security. A client adds its own (serializers,
     * group, timeouts) on top.
     *
     * @throws MissingSetting naming the setting that is missing or wrong
     */
    public Map<String, Object> clientConfig() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new MissingSetting("strangler.kafka.bootstrap-servers", "is not set: the Kafka cluster's"
                    + " host:port list (environment variable STRANGLER_KAFKA_BOOTSTRAPSERVERS)");
        }
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new MissingSetting("strangler.kafka.security-protocol", "is '" + securityProtocol
                    + "': it must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers.trim());
        config.put("security.protocol", securityProtocol);
        if (securityProtocol.startsWith("SASL_")) {
            config.putAll(sasl.clientConfig(securityProtocol));
        }
        if (securityProtocol.endsWith("SSL")) {
            config.putAll(ssl.clientConfig());
        }
        config.putAll(properties);
        return config;
    }

    /** {@link #clientConfig()} with a client's own settings on top. */
    public Map<String, Object> clientConfig(Map<String, ?> own) {
        Map<String, Object> config = clientConfig();
        config.putAll(own);
        return config;
    }

    /** Where the cluster is, for messages: never a credential. */
    public String describe() {
        return bootstrapServers + " (" + securityProtocol
                + (securityProtocol.startsWith("SASL_") && sasl.mechanism() != null ? " " + sasl.mechanism() : "")
                + ")";
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + describe() + ", topics=" + topics + "]";
    }

    /**
     * SASL: PLAIN and SCRAM take a user name and password; OAUTHBEARER (and anything unusual) takes the whole JAAS
     * line, with its callback handler in {@code strangler.kafka.properties.*}.
     */
    public record Sasl(@Nullable String mechanism, @Nullable String username, @Nullable String password,
            @Nullable String jaasConfig) {

        static final Sasl NONE = new Sasl(null, null, null, null);

        Map<String, Object> clientConfig(String protocol) {
            if (mechanism == null || mechanism.isBlank()) {
                throw new MissingSetting("strangler.kafka.sasl.mechanism", "is not set, and strangler.kafka."
                        + "security-protocol is " + protocol + ": it must be one of " + String.join(", ",
                        MECHANISMS.stream().sorted().toList()));
            }
            String m = mechanism.trim().toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(m)) {
                throw new MissingSetting("strangler.kafka.sasl.mechanism", "is '" + mechanism + "': it must be one"
                        + " of " + String.join(", ", MECHANISMS.stream().sorted().toList()));
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("sasl.mechanism", m);
            if (jaasConfig != null && !jaasConfig.isBlank()) {
                config.put("sasl.jaas.config", jaasConfig);
                return config;
            }
            if (m.equals("OAUTHBEARER")) {
                throw new MissingSetting("strangler.kafka.sasl.jaas-config", "is not set: OAUTHBEARER needs the"
                        + " whole JAAS line (and its callback handler in strangler.kafka.properties.*)");
            }
            if (username == null || username.isBlank()) {
                throw new MissingSetting("strangler.kafka.sasl.username", "is not set: " + m + " needs a user");
            }
            if (password == null || password.isEmpty()) {
                throw new MissingSetting("strangler.kafka.sasl.password", "is not set: " + m + " needs the"
                        + " password of user " + username + " (from a file: spring.config.import=configtree:...)");
            }
            String module = m.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            config.put("sasl.jaas.config", module + " required username=\"" + jaasQuoted(username)
                    + "\" password=\"" + jaasQuoted(password) + "\";");
            return config;
        }

        private static String jaasQuoted(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        @Override
        public String toString() {
            return "Sasl[mechanism=" + mechanism + ", username=" + username + "]";
        }
    }

    /**
     * TLS: without a trust store the JVM's default trusts the usual public CAs; with a key store, mutual TLS. The
     * broker's host name is checked ({@code https}) unless {@code endpoint-identification-algorithm} is set empty.
     */
    public record Ssl(@Nullable String truststoreLocation, @Nullable String truststorePassword,
            @DefaultValue("PKCS12") String truststoreType, @Nullable String keystoreLocation,
            @Nullable String keystorePassword, @DefaultValue("PKCS12") String keystoreType,
            @Nullable String keyPassword, @DefaultValue("https") String endpointIdentificationAlgorithm) {

        static final Ssl NONE = new Ssl(null, null, "PKCS12", null, null, "PKCS12", null, "https");

        Map<String, Object> clientConfig() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("ssl.endpoint.identification.algorithm", endpointIdentificationAlgorithm);
            if (truststoreLocation != null && !truststoreLocation.isBlank()) {
                config.put("ssl.truststore.location", truststoreLocation);
                config.put("ssl.truststore.type", truststoreType);
                if (truststorePassword != null) {
                    config.put("ssl.truststore.password", truststorePassword);
                }
            }
            if (keystoreLocation != null && !keystoreLocation.isBlank()) {
                config.put("ssl.keystore.location", keystoreLocation);
                config.put("ssl.keystore.type", keystoreType);
                if (keystorePassword != null) {
                    config.put("ssl.keystore.password", keystorePassword);
                }
                if (keyPassword != null) {
                    config.put("ssl.key.password", keyPassword);
                }
            }
            return config;
        }

        @Override
        public String toString() {
            return "Ssl[truststore=" + truststoreLocation + ", keystore=" + keystoreLocation + "]";
        }
    }

    /**
     * How the topics a component creates are replicated; a topic that exists already is left as it is.
     *
     * @param replicationFactor  copies of each partition; 0 leaves it to the broker ({@code default.replication.factor})
     * @param minInsyncReplicas  copies that must have a write before it counts; 0 leaves it to the broker
     */
    public record Topics(@DefaultValue("0") short replicationFactor, @DefaultValue("0") int minInsyncReplicas) {

        static final Topics BROKER_DEFAULTS = new Topics((short) 0, 0);

        public Topics {
            if (replicationFactor < 0) {
                throw new IllegalArgumentException("strangler.kafka.topics.replication-factor must be 0 (the broker's"
                        + " default) or more, got " + replicationFactor);
            }
            if (minInsyncReplicas < 0 || (replicationFactor > 0 && minInsyncReplicas > replicationFactor)) {
                throw new IllegalArgumentException("strangler.kafka.topics.min-insync-replicas must be between 0 (the"
                        + " broker's default) and the replication factor " + replicationFactor + ", got "
                        + minInsyncReplicas);
            }
        }

        /** The replication factor for a new topic; empty leaves it to the broker. */
        public Optional<Short> replication() {
            return replicationFactor == 0 ? Optional.empty() : Optional.of(replicationFactor);
        }

        /** Topic-level settings for a new topic. */
        public Map<String, String> topicConfig() {
            return minInsyncReplicas == 0 ? Map.of() : Map.of("min.insync.replicas", Integer.toString(minInsyncReplicas));
        }
    }
}
