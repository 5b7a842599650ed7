package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.tls.LabCertificates;
import dev.strangler.registry.RegistryConnection.StoreType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad settings fail when the client is made, naming the setting and never a password. */
class RegistryConnectionTests {

    private static final String URL = "https://registry.example:8085/apis/ccompat/v7";
    private static final String SECRET = "hunter2-do-not-print";

    @TempDir
    static Path directory;

    private static LabCertificates certificates;

    @BeforeAll
    static void makeCertificates() {
        certificates = LabCertificates.in(directory.resolve("tls"), List.of("registry"));
    }

    @Test
    void readsConfluentsKeysIntoAConnection() {
        RegistryConnection connection = SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL + "/",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SerdeConfig.BASIC_AUTH_USER_INFO, new Password("bridge:pass:with:colons"),
                SerdeConfig.SSL_TRUSTSTORE_LOCATION, certificates.caPem().toString(),
                SerdeConfig.SSL_TRUSTSTORE_TYPE, "pem",
                SerdeConfig.SSL_KEYSTORE_LOCATION, certificates.keystore("registry").toString(),
                SerdeConfig.SSL_KEYSTORE_PASSWORD, certificates.password(),
                SerdeConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, "HTTPS"));

        assertThat(connection.url()).isEqualTo(URL);
        assertThat(connection.username()).isEqualTo("bridge");
        assertThat(connection.password()).isEqualTo("pass:with:colons");
        assertThat(connection.truststoreLocation()).isEqualTo(certificates.caPem());
        assertThat(connection.truststoreType()).isEqualTo(StoreType.PEM);
        assertThat(connection.keystoreType()).isEqualTo(StoreType.PKCS12);
        assertThat(new SchemaRegistryClient(connection).baseUrl()).isEqualTo(URL);
    }

    @Test
    void takesCredentialsFromTheUrlWhenTheSourceIsUrlAndKeepsThemOutOfIt() {
        RegistryConnection connection = SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "https://bridge:p%40ss@registry.example:8085/apis/ccompat/v7"));

        assertThat(connection.url()).isEqualTo(URL);
        assertThat(connection.username()).isEqualTo("bridge");
        assertThat(connection.password()).isEqualTo("p@ss");
    }

    @Test
    void userInfoWithoutAColonIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SerdeConfig.BASIC_AUTH_USER_INFO, SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.BASIC_AUTH_USER_INFO)
                .hasMessageContaining("user:password")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
    }

    @Test
    void userInfoIsRefusedWhenConfluentsClientWouldIgnoreIt() {
        assertThatThrownBy(() -> SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.BASIC_AUTH_USER_INFO, "bridge:" + SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
        assertThatThrownBy(() -> SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .hasMessageContaining(SerdeConfig.BASIC_AUTH_USER_INFO + ": required");
        assertThatThrownBy(() -> SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .hasMessageContaining("SASL_INHERIT is not supported");
    }

    @Test
    void turningTheHostNameCheckOffIsRefusedNotIgnored() {
        assertThatThrownBy(() -> SerdeConfig.connection(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, "")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM);
    }

    @Test
    void aMissingTrustStoreFileNamesTheSetting() {
        Path missing = directory.resolve("nowhere.p12");
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withTruststore(missing, SECRET, StoreType.PKCS12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ": no such file " + missing);
    }

    @Test
    void aWrongTrustStorePasswordNamesTheSettingButNotThePassword() {
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withTruststore(certificates.truststore(), SECRET, StoreType.PKCS12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(SerdeConfig.SSL_TRUSTSTORE_PASSWORD + ": does not open")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
    }

    @Test
    void aTrustStoreThatCannotBeReadWithoutItsPasswordSaysSo() {
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withTruststore(certificates.truststore(), null, StoreType.PKCS12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SerdeConfig.SSL_TRUSTSTORE_PASSWORD);
    }

    @Test
    void aFileThatIsNotAStoreNamesTheSetting() throws Exception {
        Path text = Files.writeString(directory.resolve("not-a-store.p12"), "hello");
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withTruststore(text, "x", StoreType.PKCS12)))
                .hasMessageStartingWith(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ": cannot read");
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withTruststore(text, null, StoreType.PEM)))
                .hasMessageStartingWith(SerdeConfig.SSL_TRUSTSTORE_LOCATION + ":");
    }

    @Test
    void wrongKeyStoreAndKeyPasswordsNameTheirSettings() {
        Path keystore = certificates.keystore("registry");
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withKeystore(keystore, SECRET, StoreType.PKCS12, null)))
                .hasMessageStartingWith(SerdeConfig.SSL_KEYSTORE_PASSWORD + ": does not open")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withKeystore(keystore, certificates.password(), StoreType.PKCS12, SECRET)))
                .hasMessageStartingWith(SerdeConfig.SSL_KEY_PASSWORD + ": does not open the key")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withKeystore(certificates.truststore(), certificates.password(), StoreType.PKCS12, null)))
                .hasMessageContaining("holds no private key");
    }

    @Test
    void aMissingOrEmptyPasswordFileIsNamed() throws Exception {
        Path missing = directory.resolve("no-password");
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withBasicAuthPasswordFile("bridge", missing)))
                .hasMessageStartingWith("basic-auth password file: cannot read " + missing);
        Path empty = Files.writeString(directory.resolve("empty-password"), "\n");
        assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConnection.of(URL)
                .withBasicAuthPasswordFile("bridge", empty)))
                .hasMessageContaining("is empty");
    }

    @Test
    void refusesSettingsThatCannotWorkTogether() {
        assertThatThrownBy(() -> RegistryConnection.of("http://127.0.0.1:8085")
                .withTruststore(certificates.truststore(), certificates.password(), StoreType.PKCS12))
                .hasMessageContaining("plain http");
        assertThatThrownBy(() -> RegistryConnection.of(URL).withTruststore(certificates.caPem(), SECRET, StoreType.PEM))
                .hasMessageStartingWith(SerdeConfig.SSL_TRUSTSTORE_PASSWORD)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> new RegistryConnection(URL, "bridge", null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("a user name without a password");
        assertThatThrownBy(() -> RegistryConnection.of(URL).withBasicAuth("bri:dge", SECRET))
                .hasMessageContaining("colon")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> RegistryConnection.of("https://bridge:" + SECRET + "@registry.example/"))
                .hasMessageStartingWith(SerdeConfig.SCHEMA_REGISTRY_URL + ": carries credentials")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> RegistryConnection.of("registry.example:8085"))
                .hasMessageStartingWith(SerdeConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void blankFieldsFromPropertiesCountAsAbsent() {
        RegistryConnection connection = new RegistryConnection(URL, "", " ", null, null, "", null, null, "", null, "");
        assertThat(connection.hasBasicAuth()).isFalse();
        assertThat(connection).isEqualTo(RegistryConnection.of(URL));
    }

    @Test
    void toStringMasksEveryPassword() {
        RegistryConnection connection = RegistryConnection.of(URL)
                .withBasicAuth("bridge", SECRET + "1")
                .withTruststore(certificates.truststore(), SECRET + "2", StoreType.PKCS12)
                .withKeystore(certificates.keystore("registry"), SECRET + "3", StoreType.PKCS12, SECRET + "4");
        assertThat(connection.toString()).contains("bridge", URL).doesNotContain(SECRET);
    }

    @Test
    void theSerdesReportBadSettingsAsKafkaConfigErrors() {
        Map<String, Object> config = new HashMap<>(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, URL,
                SerdeConfig.SSL_TRUSTSTORE_LOCATION, certificates.truststore().toString(),
                SerdeConfig.SSL_TRUSTSTORE_PASSWORD, SECRET));
        assertThatThrownBy(() -> new AvroSerializer<>().configure(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(SerdeConfig.SSL_TRUSTSTORE_PASSWORD)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(SerdeConfig.SSL_TRUSTSTORE_PASSWORD);
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
