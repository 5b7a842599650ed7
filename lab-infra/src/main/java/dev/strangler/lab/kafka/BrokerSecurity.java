package dev.strangler.lab.kafka;

import dev.strangler.lab.tls.LabCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A broker secured as production clusters are: clients and brokers talk {@code SASL_SSL} (TLS with the broker's host
 * checked, then a SCRAM-SHA-512 login), controllers talk TLS. Users and their passwords are fixed when the broker's
 * storage is formatted; the broker logs in as {@code brokerUser}.
 *
 * @param certificates the lab's CA and the broker's certificate (server name {@code kafka})
 * @param users        SCRAM users and passwords, the broker's own included
 * @param brokerUser   the user brokers log in as between themselves
 */
public record BrokerSecurity(LabCertificates certificates, Map<String, String> users, String brokerUser) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The server name of the brokers' certificate. */
    public static final String SERVER = "kafka";

    public BrokerSecurity {
        users = Map.copyOf(users);
        if (!users.containsKey(brokerUser)) {
            throw new IllegalArgumentException("the broker's user " + brokerUser + " is not among the SCRAM users");
        }
        for (Map.Entry<String, String> user : users.entrySet()) {
            // the storage tool's syntax has no quoting for these
            if (!user.getKey().matches("[A-Za-z0-9._-]+") || !user.getValue().matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("SCRAM user names and passwords here are letters, digits, '.', '_'"
                        + " and '-': " + user.getKey());
            }
        }
    }

    /**
     * A secured broker for the lab and tests: the lab's CA in {@code tlsDirectory} (made when missing) and the SCRAM
     * {@code users}, with a broker user {@code broker} of a random password added.
     */
    public static BrokerSecurity lab(Path tlsDirectory, Map<String, String> users) {
        Map<String, String> all = new java.util.LinkedHashMap<>(users);
        all.put("broker", java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(12)));
        return new BrokerSecurity(LabCertificates.in(tlsDirectory, List.of(SERVER)), all, "broker");
    }

    Properties brokerProperties(int port, int controllerPort) {
        Properties p = new Properties();
        p.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
        // SCRAM cannot guard the controllers' listener (its users live in the metadata the controllers serve): TLS
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl." + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                jaas(brokerUser));
        p.put("ssl.keystore.location", certificates.keystore(SERVER).toString());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.password", certificates.password());
        p.put("ssl.key.password", certificates.password());
        p.put("ssl.truststore.location", certificates.truststore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", certificates.password());
        p.put("ssl.endpoint.identification.algorithm", "https");
        return p;
    }

    List<String> scramArguments() {
        List<String> arguments = new ArrayList<>();
        users.forEach((user, password) -> arguments.add(MECHANISM + "=[name=" + user + ",password=" + password + "]"));
        return arguments;
    }

    /** What a client logging in as {@code user} needs to reach the broker on {@code port}. */
    public Map<String, Object> clientConfig(int port, String user) {
        if (!users.containsKey(user)) {
            throw new IllegalArgumentException("no SCRAM user " + user);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", KafkaBroker.bootstrapServers(port));
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", jaas(user));
        config.put("ssl.truststore.location", certificates.truststore().toString());
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.password", certificates.password());
        config.put("ssl.endpoint.identification.algorithm", "https");
        return config;
    }

    private String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + users.get(user) + "\";";
    }

    @Override
    public String toString() {
        return "BrokerSecurity[users=" + users.keySet() + ", brokerUser=" + brokerUser + "]";
    }
}
