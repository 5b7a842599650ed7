package dev.strangler.playbook.context;

import dev.strangler.playbook.lab.LabComponents;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A deployment the command line works against: where its proxy's admin API, its shop (through the proxy), its CDC
 * bridge, its databases and its Kafka brokers are, and where their secrets are kept. Every part is optional, so that a
 * context names only what its commands need; a command that needs a part the context lacks is refused with the file,
 * the context and the field named ({@link #requireProxyAdmin} and the like).
 *
 * @param name        as {@code --context} names it; {@value Contexts#LAB} for the lab
 * @param file        the contexts file that defines it; null for the lab, which is built in
 * @param proxyAdmin  the proxy's admin API and its token ({@code route})
 * @param shop        the shop's base URL, through the proxy ({@code traffic})
 * @param cdcBridge   the CDC bridge's API ({@code reconcile} asks its {@code /reconcile/{pair}})
 * @param databases   by the name the extraction descriptors give them ({@code shop}, {@code payments}): what
 *                    {@code pci-scope} reads
 * @param kafka       the brokers, and the client settings to reach them ({@code pci-scope})
 * @param extractions the extraction descriptors' directory; null: the repository's {@code extractions/}
 * @param logs        the directory of log files {@code pci-scope} scans; null: none
 */
public record StranglerContext(String name, @Nullable Path file, @Nullable AdminApi proxyAdmin, @Nullable URI shop,
        @Nullable URI cdcBridge, Map<String, Database> databases, @Nullable Kafka kafka, @Nullable Path extractions,
        @Nullable Path logs) {

    public StranglerContext {
        databases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(databases));
    }

    /**
     * The proxy's admin API.
     *
     * @param url   its base URL ({@code /admin/routes} is under it)
     * @param token where its bearer token is kept
     */
    public record AdminApi(URI url, Secret token) {
    }

    /**
     * A database, read directly (by {@code pci-scope}).
     *
     * @param jdbcUrl       how to connect (PostgreSQL), without a password
     * @param user          who connects; null: as the URL says
     * @param password      where the password is kept; null: none
     * @param dataDirectory the server's data directory, when this machine can read it ({@code pci-scope} reads its
     *                      files as bytes); null: not read
     */
    public record Database(String jdbcUrl, @Nullable String user, @Nullable Secret password,
            @Nullable Path dataDirectory) {
    }

    /**
     * Kafka.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param clientProperties a Java properties file of client settings (security.protocol, SASL, TLS), passed to every
     *                         Kafka client the command line creates; null: none
     */
    public record Kafka(String bootstrapServers, @Nullable Path clientProperties) {
    }

    /**
     * The lab: its ports (shifted by {@code STRANGLER_PORT_OFFSET}), the token the proxy writes into the lab
     * directory, its three databases, its logs.
     */
    public static StranglerContext lab(LabLayout layout, LabPorts ports) {
        Map<String, Database> databases = new LinkedHashMap<>();
        Map<String, String> components = Map.of("shop", "legacy-db", "payments", "payments-db",
                "customers", "customers-db");
        for (String database : java.util.List.of("shop", "payments", "customers")) {
            databases.put(database, new Database("jdbc:postgresql://127.0.0.1:" + ports.database(database) + "/"
                    + database, "postgres", null, layout.data(components.get(database))));
        }
        return new StranglerContext(Contexts.LAB, null,
                new AdminApi(URI.create("http://127.0.0.1:" + ports.proxyAdmin()),
                        new Secret.InFile(LabComponents.proxyTokenFile(layout))),
                URI.create("http://127.0.0.1:" + ports.proxy()), URI.create("http://127.0.0.1:" + ports.cdcBridge()),
                databases, new Kafka("127.0.0.1:" + ports.kafka(), null), layout.inRepository("extractions"),
                layout.root().resolve("logs"));
    }

    /** Whether this is the lab, which the lab's own commands ({@code up}, {@code seed}, the playbook) run in. */
    public boolean isLab() {
        return file == null;
    }

    /** How errors name it: {@code context 'staging' in /home/me/.config/strangler/contexts.yaml}, or the lab. */
    public String where() {
        return isLab() ? "the lab" : "context '" + name + "' in " + file;
    }

    /** A field of this context, for errors: {@code context 'staging' in F: proxy-admin.token-file}. */
    public String field(String path) {
        return where() + ": " + path;
    }

    /** The proxy's admin API, for {@code command}; refused when the context has none. */
    public AdminApi requireProxyAdmin(String command) {
        if (proxyAdmin == null) {
            throw missing("proxy-admin", command, "it moves routes through the proxy's admin API",
                    "proxy-admin: {url: https://proxy-admin.example:8090,"
                            + " token-file: ~/.config/strangler/proxy.token}");
        }
        return proxyAdmin;
    }

    /** The proxy's admin token, read now from where the context keeps it. */
    public String proxyAdminToken(String command, java.util.function.UnaryOperator<String> environment) {
        AdminApi admin = requireProxyAdmin(command);
        return admin.token().read(environment, field(admin.token() instanceof Secret.InFile
                ? "proxy-admin.token-file" : "proxy-admin.token-env"));
    }

    /** The shop's base URL through the proxy, for {@code command}; refused when the context has none. */
    public URI requireShop(String command, String alternative) {
        if (shop == null) {
            throw missing("shop", command, "it sends its requests to the shop through the proxy" + alternative,
                    "shop: https://shop.example");
        }
        return shop;
    }

    /** The CDC bridge's API, for {@code command}; refused when the context has none. */
    public URI requireCdcBridge(String command) {
        if (cdcBridge == null) {
            throw missing("cdc-bridge", command, "it asks the CDC bridge to compare each table pair",
                    "cdc-bridge: http://cdc-bridge.example:8083");
        }
        return cdcBridge;
    }

    /** The database the descriptors call {@code database}, for {@code command}; refused when the context lacks it. */
    public Database requireDatabase(String database, String command, String alternative) {
        Database db = databases.get(database);
        if (db == null) {
            throw missing("databases." + database, command, "it reads that database" + alternative,
                    "databases: {" + database + ": {jdbc-url: 'jdbc:postgresql://db.example:5432/" + database
                            + "', user: reader, password-file: ~/.config/strangler/" + database + ".password}}");
        }
        return db;
    }

    /** The password of {@code databases.<database>}, read now; null when the context names none. */
    public @Nullable String databasePassword(String database, java.util.function.UnaryOperator<String> environment) {
        Database db = databases.get(database);
        return db == null || db.password() == null ? null
                : db.password().read(environment, field("databases." + database + ".password-file"));
    }

    /** Kafka, for {@code command}; refused when the context has none. */
    public Kafka requireKafka(String command, String alternative) {
        if (kafka == null) {
            throw missing("kafka", command, "it reads the brokers' topics" + alternative,
                    "kafka: {bootstrap-servers: 'kafka-1.example:9093',"
                            + " client-properties: ~/.config/strangler/kafka.properties}");
        }
        return kafka;
    }

    /**
     * The Kafka client settings of the context's {@code client-properties} file, read now (sorted by key); empty
     * when it names none.
     */
    public Map<String, String> kafkaClientProperties() {
        if (kafka == null || kafka.clientProperties() == null) {
            return Map.of();
        }
        Path path = kafka.clientProperties();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ContextException(field("kafka.client-properties") + ": cannot read " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    /** The extraction descriptors' directory: the context's, else {@code repositoryDefault}. */
    public Path extractionsOr(Path repositoryDefault) {
        return extractions != null ? extractions : repositoryDefault;
    }

    private ContextException missing(String field, String command, String why, String example) {
        return new ContextException(where() + " has no " + field + ", which `strangler " + command + "` needs ("
                + why + "); add it to the context, e.g. " + example);
    }
}
