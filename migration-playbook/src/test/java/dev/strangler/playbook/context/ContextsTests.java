package dev.strangler.playbook.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contexts file, read strictly: what a good one gives, and each bad one refused with the file, context, field. */
class ContextsTests {

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("contexts.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Contexts read(String yaml) throws IOException {
        return Contexts.read(file(yaml), home());
    }

    private String problem(String yaml) throws IOException {
        Path file = file(yaml);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Contexts.read(file, home()));
        assertThat(thrown).isInstanceOf(ContextException.class);
        return thrown.getMessage();
    }

    private static StranglerContext lab() {
        return StranglerContext.lab(new LabLayout(Path.of("/repo"), Path.of("/repo/.lab")), new LabPorts(1000));
    }

    private static final String STAGING = """
            current-context: staging
            contexts:
              staging:
                proxy-admin:
                  url: https://proxy-admin.staging.example:8090
                  token-file: secrets/staging.token
                shop: https://shop.staging.example
                cdc-bridge: http://cdc-bridge.staging.example:8083/bridge/
                databases:
                  shop:
                    jdbc-url: jdbc:postgresql://legacy-db.staging.example:5432/shop
                    user: strangler_reader
                    password-file: ~/.config/strangler/shop.password
                    data-directory: /mnt/legacy-db
                  payments:
                    jdbc-url: jdbc:postgresql://payments-db.staging.example:5432/payments?ssl=true
                kafka:
                  bootstrap-servers: kafka-1.staging.example:9093, kafka-2.staging.example:9093
                  client-properties: kafka.properties
                extractions: /srv/extractions
                logs: ../logs
              prod:
                proxy-admin: {url: 'https://proxy-admin.example', token-env: PROD_PROXY_TOKEN}
            """;

    @Test
    void readsEveryFieldOfAContextWithPathsFromTheFilesDirectoryAndHome() throws IOException {
        Contexts contexts = read(STAGING);

        assertThat(contexts.names()).containsExactly("lab", "staging", "prod");
        assertThat(contexts.currentContext()).isEqualTo("staging");
        StranglerContext staging = contexts.get("staging", ContextsTests::lab);
        assertThat(staging.isLab()).isFalse();
        assertThat(staging.file()).isEqualTo(dir.resolve("contexts.yaml"));
        assertThat(staging.proxyAdmin()).isEqualTo(new StranglerContext.AdminApi(
                URI.create("https://proxy-admin.staging.example:8090"), new Secret.InFile(dir.resolve("secrets/staging.token"))));
        assertThat(staging.shop()).isEqualTo(URI.create("https://shop.staging.example"));
        assertThat(staging.cdcBridge()).isEqualTo(URI.create("http://cdc-bridge.staging.example:8083/bridge/"));
        assertThat(staging.databases()).containsOnlyKeys("shop", "payments");
        assertThat(staging.databases().get("shop")).isEqualTo(new StranglerContext.Database(
                "jdbc:postgresql://legacy-db.staging.example:5432/shop", "strangler_reader",
                new Secret.InFile(home().resolve(".config/strangler/shop.password")), Path.of("/mnt/legacy-db")));
        assertThat(staging.databases().get("payments").user()).isNull();
        assertThat(staging.databases().get("payments").password()).isNull();
        assertThat(staging.kafka()).isEqualTo(new StranglerContext.Kafka(
                "kafka-1.staging.example:9093,kafka-2.staging.example:9093", dir.resolve("kafka.properties")));
        assertThat(staging.extractions()).isEqualTo(Path.of("/srv/extractions"));
        assertThat(staging.logs()).isEqualTo(dir.getParent().resolve("logs"));
        assertThat(contexts.get("prod", ContextsTests::lab).proxyAdmin().token())
                .isEqualTo(new Secret.InEnvironment("PROD_PROXY_TOKEN"));
    }

    @Test
    void choosesTheOptionThenTheEnvironmentThenTheCurrentContextThenTheLab() throws IOException {
        Contexts contexts = read(STAGING);

        assertThat(contexts.select("prod", "lab", ContextsTests::lab).context().name()).isEqualTo("prod");
        assertThat(contexts.select("prod", null, ContextsTests::lab).reason()).isEqualTo("--context prod");
        Contexts.Selection fromEnvironment = contexts.select(null, "lab", ContextsTests::lab);
        assertThat(fromEnvironment.context().isLab()).isTrue();
        assertThat(fromEnvironment.reason()).isEqualTo("STRANGLER_CONTEXT=lab");
        Contexts.Selection current = contexts.select(null, null, ContextsTests::lab);
        assertThat(current.context().name()).isEqualTo("staging");
        assertThat(current.reason()).isEqualTo("current-context of " + dir.resolve("contexts.yaml"));
        assertThat(read("contexts: {prod: {shop: 'https://shop.example'}}").select(null, " ", ContextsTests::lab)
                .context().isLab()).isTrue();
    }

    @Test
    void withoutAFileTheLabIsTheOnlyContextAndTheDefault() {
        Contexts none = Contexts.load(null, dir.resolve("nowhere/contexts.yaml"), home());

        assertThat(none.file()).isNull();
        assertThat(none.names()).containsExactly("lab");
        Contexts.Selection selection = none.select(null, null, ContextsTests::lab);
        assertThat(selection.context().isLab()).isTrue();
        assertThat(selection.reason()).isEqualTo("the default");
        assertThat(none.select("lab", null, ContextsTests::lab).context().name()).isEqualTo("lab");
        assertThatThrownBy(() -> none.select("staging", null, ContextsTests::lab))
                .isInstanceOf(ContextException.class)
                .hasMessage("no context 'staging' (there is no contexts file; the lab, 'lab', is the only context)");
    }

    @Test
    void theLabContextIsTheLabsPortsShiftedByTheOffsetAndItsToken() {
        StranglerContext lab = lab();

        assertThat(lab.isLab()).isTrue();
        assertThat(lab.proxyAdmin().url()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(lab.proxyAdmin().token()).isEqualTo(new Secret.InFile(Path.of("/repo/.lab/proxy-admin.token")));
        assertThat(lab.shop()).isEqualTo(URI.create("http://127.0.0.1:9080"));
        assertThat(lab.cdcBridge()).isEqualTo(URI.create("http://127.0.0.1:9083"));
        assertThat(lab.databases().get("shop").jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:16432/shop");
        assertThat(lab.kafka().bootstrapServers()).isEqualTo("127.0.0.1:10092");
        assertThat(lab.extractions()).isEqualTo(Path.of("/repo/extractions"));
    }

    @Test
    void theDefaultFileIsUnderXdgConfigHomeWhenItIsAbsoluteElseUnderDotConfig() {
        Path home = Path.of("/home/ada");

        assertThat(Contexts.defaultFile(Map.of("XDG_CONFIG_HOME", "/etc/ada")::get, home))
                .isEqualTo(Path.of("/etc/ada/strangler/contexts.yaml"));
        assertThat(Contexts.defaultFile(Map.of("XDG_CONFIG_HOME", "relative/config")::get, home))
                .isEqualTo(Path.of("/home/ada/.config/strangler/contexts.yaml"));
        assertThat(Contexts.defaultFile(Map.of("XDG_CONFIG_HOME", "")::get, home))
                .isEqualTo(Path.of("/home/ada/.config/strangler/contexts.yaml"));
        assertThat(Contexts.defaultFile(Map.<String, String>of()::get, home))
                .isEqualTo(Path.of("/home/ada/.config/strangler/contexts.yaml"));
    }

    @Test
    void aContextFileAskedForMustExist() {
        Path missing = dir.resolve("elsewhere.yaml");

        assertThatThrownBy(() -> Contexts.load(missing, dir.resolve("contexts.yaml"), home()))
                .isInstanceOf(ContextException.class)
                .hasMessage("no contexts file at " + missing + " (--context-file)");
    }

    @Test
    void anEmptyFileHasNoContexts() throws IOException {
        assertThat(read("").names()).containsExactly("lab");
        assertThat(read("# nothing yet\n").currentContext()).isNull();
    }

    @Test
    void refusesAContextThatDoesNotExistNamingTheFileAndTheContextsThereAre() throws IOException {
        Contexts contexts = read(STAGING);

        assertThatThrownBy(() -> contexts.select("stagin", null, ContextsTests::lab))
                .isInstanceOf(ContextException.class)
                .hasMessage("no context 'stagin' in " + dir.resolve("contexts.yaml") + "; there are lab, staging, prod");
    }

    @Test
    void refusesATokenWrittenIntoTheFileAndSaysWhy() throws IOException {
        assertThat(problem("""
                contexts:
                  staging:
                    proxy-admin: {url: 'https://proxy.example', token: s3cr3t-t0ken}
                """))
                .startsWith(dir.resolve("contexts.yaml") + ": context 'staging': proxy-admin.token: a secret is never"
                        + " written into the contexts file, which gets copied, shared and committed")
                .contains("token-file: PATH or token-env: VARIABLE")
                .doesNotContain("s3cr3t-t0ken");
    }

    @Test
    void refusesAPasswordWrittenIntoTheFileOrIntoAJdbcUrl() throws IOException {
        assertThat(problem("""
                contexts:
                  staging:
                    databases:
                      shop: {jdbc-url: 'jdbc:postgresql://db.example/shop', password: hunter2}
                """))
                .contains("context 'staging': databases.shop.password: a secret is never written into the contexts"
                        + " file")
                .contains("password-file: PATH").doesNotContain("hunter2");
        assertThat(problem("""
                contexts:
                  staging:
                    databases:
                      shop: {jdbc-url: 'jdbc:postgresql://db.example/shop?user=r&password=hunter2'}
                """))
                .contains("context 'staging': databases.shop.jdbc-url: holds a password")
                .contains("name that file as password-file").doesNotContain("hunter2");
    }

    @Test
    void refusesCredentialsInAUrl() throws IOException {
        assertThat(problem("""
                contexts:
                  staging: {shop: 'https://ada:hunter2@shop.example'}
                """))
                .contains("context 'staging': shop: holds credentials (user:password@)").doesNotContain("hunter2");
    }

    @Test
    void namesAnUnknownKeyWhereverItIs() throws IOException {
        assertThat(problem("contexts: {}\ncurent-context: staging\n"))
                .isEqualTo(dir.resolve("contexts.yaml") + ": curent-context: unknown key; known here:"
                        + " current-context, contexts");
        assertThat(problem("contexts: {staging: {proxy-admn: {url: 'https://p.example'}}}"))
                .isEqualTo(dir.resolve("contexts.yaml") + ": context 'staging': proxy-admn: unknown key; known here:"
                        + " proxy-admin, shop, cdc-bridge, databases, kafka, extractions, logs");
        assertThat(problem("contexts: {staging: {proxy-admin: {url: 'https://p.example', token-fle: t}}}"))
                .contains("context 'staging': proxy-admin.token-fle: unknown key; known here: url, token-file,"
                        + " token-env")
                .contains("context 'staging': proxy-admin.token-file or token-env: missing");
        assertThat(problem("contexts: {staging: {kafka: {bootstrap-servers: 'k:9092', sasl: x}}}"))
                .contains("context 'staging': kafka.sasl: unknown key; known here: bootstrap-servers,"
                        + " client-properties");
    }

    @Test
    void namesARequiredFieldMissingFromASection() throws IOException {
        assertThat(problem("contexts: {staging: {proxy-admin: {token-env: T}}}"))
                .isEqualTo(dir.resolve("contexts.yaml") + ": context 'staging': proxy-admin.url: missing"
                        + " (https://host:port)");
        assertThat(problem("contexts: {staging: {proxy-admin: {url: 'https://p.example'}}}"))
                .endsWith("context 'staging': proxy-admin.token-file or token-env: missing (token-file: PATH or"
                        + " token-env: VARIABLE)");
        assertThat(problem("contexts: {staging: {databases: {shop: {user: reader}}}}"))
                .endsWith("context 'staging': databases.shop.jdbc-url: missing"
                        + " (jdbc:postgresql://db.example:5432/shop)");
        assertThat(problem("contexts: {staging: {kafka: {client-properties: k.properties}}}"))
                .endsWith("context 'staging': kafka.bootstrap-servers: missing (host:port[,host:port...])");
    }

    @Test
    void refusesValuesOfTheWrongShape() throws IOException {
        assertThat(problem("contexts: {staging: {shop: 8080}}"))
                .endsWith("context 'staging': shop: must be text, got a number");
        assertThat(problem("contexts: {staging: {cdc-bridge: 'ftp://bridge.example'}}"))
                .endsWith("context 'staging': cdc-bridge: must be an http or https URL with a host, got"
                        + " 'ftp://bridge.example'");
        assertThat(problem("contexts: {staging: {kafka: {bootstrap-servers: 'kafka.example'}}}"))
                .endsWith("context 'staging': kafka.bootstrap-servers: must be host:port[,host:port...], got"
                        + " 'kafka.example'");
        assertThat(problem("contexts: {staging: {databases: {shop: {jdbc-url: 'jdbc:mysql://db/shop'}}}}"))
                .endsWith("context 'staging': databases.shop.jdbc-url: must be a PostgreSQL JDBC URL"
                        + " (jdbc:postgresql://host:port/database), got 'jdbc:mysql://db/shop'");
        assertThat(problem("contexts: {staging: {proxy-admin: 'https://p.example'}}"))
                .endsWith("context 'staging': proxy-admin: must be a mapping of keys to values, got text");
        assertThat(problem("contexts: [staging]"))
                .endsWith(": contexts: must be a mapping of context names to contexts");
        assertThat(problem("contexts: {staging: {proxy-admin: {url: 'https://p.example', token-env: 'c0ffee42'}}}"))
                .endsWith("context 'staging': proxy-admin.token-env: must be an environment variable's name in"
                        + " capitals (A-Z, 0-9, _), e.g. STAGING_PROXY_TOKEN, not the token itself")
                .doesNotContain("c0ffee42");
    }

    @Test
    void refusesATokenNamedTwice() throws IOException {
        assertThat(problem("contexts: {staging: {proxy-admin: {url: 'https://p.example', token-file: t,"
                + " token-env: T}}}"))
                .endsWith("context 'staging': proxy-admin.token-file and token-env: both name the token: keep one");
    }

    @Test
    void theLabIsBuiltInAndCannotBeRedefined() throws IOException {
        assertThat(problem("contexts: {lab: {shop: 'https://shop.example'}}"))
                .endsWith("context 'lab': the name 'lab' is the lab's, which is built in (its ports shifted by"
                        + " STRANGLER_PORT_OFFSET); give this context another name");
        assertThat(read("current-context: lab\ncontexts: {}").select(null, null, ContextsTests::lab)
                .context().isLab()).isTrue();
    }

    @Test
    void refusesACurrentContextTheFileDoesNotDefine() throws IOException {
        assertThat(problem("current-context: prod\ncontexts: {staging: {shop: 'https://shop.example'}}"))
                .isEqualTo(dir.resolve("contexts.yaml") + ": current-context: names no context of this file"
                        + " ('prod'); there are lab, staging");
    }

    @Test
    void refusesAContextNamedTwiceAndYamlThatIsNot() throws IOException {
        assertThat(problem("""
                contexts:
                  staging: {shop: 'https://a.example'}
                  staging: {shop: 'https://b.example'}
                """))
                .startsWith(dir.resolve("contexts.yaml") + ": not a valid contexts file: Duplicate field 'staging'");
        assertThat(problem("contexts:\n  staging:\n    proxy-admin: {url: 'https://p.example', token: s3cr3t]\n"))
                .startsWith(dir.resolve("contexts.yaml") + ": not a valid contexts file: while parsing a flow mapping;"
                        + " expected ',' or '}', but got ]")
                .contains("(line 3, column ")
                .doesNotContain("s3cr3t");
    }

    @Test
    void listsEveryProblemOfTheFileAtOnce() throws IOException {
        assertThat(problem("""
                contexts:
                  staging:
                    shop: 'https://shop.example'
                    cdc-brige: 'http://bridge.example'
                  prod:
                    proxy-admin: {url: 'https://p.example', token: x}
                """))
                .startsWith("2 problems in " + dir.resolve("contexts.yaml") + ":\n  ")
                .contains("context 'staging': cdc-brige: unknown key")
                .contains("context 'prod': proxy-admin.token: a secret is never written");
    }

    @Test
    void aCommandRefusesAContextLackingWhatItNeedsNamingTheFileTheContextAndTheField() throws IOException {
        StranglerContext prod = read(STAGING).get("prod", ContextsTests::lab);
        String where = "context 'prod' in " + dir.resolve("contexts.yaml");

        assertThatThrownBy(() -> prod.requireCdcBridge("reconcile")).isInstanceOf(ContextException.class)
                .hasMessageStartingWith(where + " has no cdc-bridge, which `strangler reconcile` needs")
                .hasMessageContaining("cdc-bridge: http://cdc-bridge.example:8083");
        assertThatThrownBy(() -> prod.requireShop("traffic", ", unless --target names it"))
                .hasMessageStartingWith(where + " has no shop, which `strangler traffic` needs (it sends its requests"
                        + " to the shop through the proxy, unless --target names it)");
        assertThatThrownBy(() -> prod.requireDatabase("shop", "pci-scope", ", unless --legacy-db names it"))
                .hasMessageStartingWith(where + " has no databases.shop, which `strangler pci-scope` needs");
        assertThatThrownBy(() -> prod.requireKafka("pci-scope", ""))
                .hasMessageStartingWith(where + " has no kafka, which `strangler pci-scope` needs");
        StranglerContext staging = read("contexts: {staging: {shop: 'https://shop.example'}}")
                .get("staging", ContextsTests::lab);
        assertThatThrownBy(() -> staging.requireProxyAdmin("route"))
                .hasMessageStartingWith("context 'staging' in " + dir.resolve("contexts.yaml")
                        + " has no proxy-admin, which `strangler route` needs");
    }

    @Test
    void readsTheTokenFromItsFileOrVariableOnlyWhenAskedAndSaysWhatIsWrong() throws IOException {
        StranglerContext staging = read(STAGING).get("staging", ContextsTests::lab);
        StranglerContext prod = read(STAGING).get("prod", ContextsTests::lab);
        String where = "context 'staging' in " + dir.resolve("contexts.yaml");

        assertThatThrownBy(() -> staging.proxyAdminToken("route", v -> null))
                .isInstanceOf(ContextException.class)
                .hasMessage(where + ": proxy-admin.token-file: cannot read " + dir.resolve("secrets/staging.token")
                        + " (NoSuchFileException)");
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/staging.token"), "\n");
        assertThatThrownBy(() -> staging.proxyAdminToken("route", v -> null))
                .hasMessage(where + ": proxy-admin.token-file: " + dir.resolve("secrets/staging.token") + " is empty");
        Files.writeString(dir.resolve("secrets/staging.token"), "t0ken\n");
        assertThat(staging.proxyAdminToken("route", v -> null)).isEqualTo("t0ken");

        assertThatThrownBy(() -> prod.proxyAdminToken("route", v -> null))
                .hasMessage("context 'prod' in " + dir.resolve("contexts.yaml") + ": proxy-admin.token-env: the"
                        + " environment variable PROD_PROXY_TOKEN is not set");
        assertThat(prod.proxyAdminToken("route", Map.of("PROD_PROXY_TOKEN", "from-env")::get)).isEqualTo("from-env");
        assertThat(prod.proxyAdmin().token().describe()).isEqualTo("<from environment variable PROD_PROXY_TOKEN>");
        assertThat(staging.proxyAdmin().token().describe())
                .isEqualTo("<from file " + dir.resolve("secrets/staging.token") + ">");
    }

    @Test
    void readsTheKafkaClientPropertiesFileWhenAsked() throws IOException {
        StranglerContext staging = read(STAGING).get("staging", ContextsTests::lab);

        assertThatThrownBy(staging::kafkaClientProperties).isInstanceOf(ContextException.class)
                .hasMessage("context 'staging' in " + dir.resolve("contexts.yaml") + ": kafka.client-properties:"
                        + " cannot read " + dir.resolve("kafka.properties") + " (NoSuchFileException)");
        Files.writeString(dir.resolve("kafka.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                """);
        assertThat(staging.kafkaClientProperties())
                .containsExactly(Map.entry("sasl.mechanism", "SCRAM-SHA-512"), Map.entry("security.protocol", "SASL_SSL"));
        assertThat(read(STAGING).get("prod", ContextsTests::lab).kafkaClientProperties()).isEmpty();
    }
}
