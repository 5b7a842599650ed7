package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.junit.LabExtension;
import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.registry.SchemaRegistry;
import dev.strangler.lab.tls.LabCertificates;
import dev.strangler.registry.RegistryConnection.StoreType;
import dev.strangler.registry.test.Greeting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client and the serdes against the lab's real registry behind what production puts in front of one: TLS with a
 * certificate from a CA of our own, and basic auth ({@link TlsRelay}). Every setting comes from the lab's certificate
 * files, as it would from a mounted secret.
 */
@ExtendWith(LabExtension.class)
class SecuredRegistryIT {

    private static final String USER = "bridge";
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();

    @TempDir
    static Path directory;

    private static LabCertificates certificates;
    private static String upstream;
    private static TlsRelay relay;

    @BeforeAll
    static void startRelay(SchemaRegistry registry) throws Exception {
        certificates = LabCertificates.in(directory.resolve("tls"), List.of("registry", "client"));
        upstream = "http://127.0.0.1:" + registry.port();
        relay = TlsRelay.start(certificates, "registry", InetAddress.getLoopbackAddress(), upstream, USER, PASSWORD, false);
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    private static Schema payment() {
        return SchemaBuilder.record("Payment").namespace("dev.strangler.tls").fields()
                .requiredLong("id").requiredString("status").endRecord();
    }

    private static RegistryConnection trusted(String url) {
        return RegistryConnection.of(url)
                .withTruststore(certificates.truststore(), certificates.password(), StoreType.PKCS12)
                .withBasicAuth(USER, PASSWORD);
    }

    @Test
    void registersAndReadsASchemaOverTlsWithTheRightCredentials() {
        int before = relay.forwarded();
        SchemaRegistryClient client = new SchemaRegistryClient(trusted(relay.url()));
        String subject = "payments-" + UUID.randomUUID() + "-value";

        int id = client.register(subject, payment());

        SchemaRegistryClient fresh = new SchemaRegistryClient(trusted(relay.url()));
        assertThat(fresh.lookup(subject, payment())).isEqualTo(id);
        assertThat(fresh.schemaById(id)).isEqualTo(payment());
        assertThat(fresh.latest(subject)).contains(payment());
        assertThat(relay.forwarded() - before).isEqualTo(3);
    }

    @Test
    void trustsTheRegistryByAPemCaFileAndReadsThePasswordFromAFile() throws IOException {
        Path passwordFile = Files.writeString(directory.resolve("registry-password"), PASSWORD + "\n");
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConnection.of(relay.url("localhost"))
                .withTruststore(certificates.caPem(), null, StoreType.PEM)
                .withBasicAuthPasswordFile(USER, passwordFile));

        String subject = "payments-" + UUID.randomUUID() + "-value";
        assertThat(client.register(subject, payment())).isPositive();
        assertThat(client.compatibility()).isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    void aClientWithoutTheLabsCaInItsTrustStoreIsRefusedWithAClearError() {
        // the JDK's default trust store: public CAs, not the lab's
        SchemaRegistryClient client = new SchemaRegistryClient(RegistryConnection.of(relay.url()).withBasicAuth(USER, PASSWORD));
        int before = relay.forwarded();

        assertThatThrownBy(() -> client.register("payments-" + UUID.randomUUID() + "-value", payment()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("presented a certificate this client does not trust")
                .hasMessageContaining(SerdeConfig.SSL_TRUSTSTORE_LOCATION)
                .hasMessageNotContaining(PASSWORD);
        assertThat(relay.forwarded()).isEqualTo(before);
    }

    @Test
    void wrongCredentialsGiveA401ThatNamesNoPassword() {
        String wrong = "not-" + PASSWORD;
        SchemaRegistryClient client = new SchemaRegistryClient(trusted(relay.url()).withBasicAuth(USER, wrong));
        SchemaRegistryClient anonymous = new SchemaRegistryClient(RegistryConnection.of(relay.url())
                .withTruststore(certificates.truststore(), certificates.password(), StoreType.PKCS12));

        assertThatThrownBy(() -> client.register("payments-" + UUID.randomUUID() + "-value", payment()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains(SerdeConfig.BASIC_AUTH_USER_INFO)
                            .doesNotContain(wrong).doesNotContain(PASSWORD);
                });
        assertThatThrownBy(anonymous::compatibility)
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void refusesARegistryReachedByAHostNameItsCertificateDoesNotCarry() throws Exception {
        // the certificate names "registry", localhost and 127.0.0.1; another loopback address is none of them
        InetAddress other = InetAddress.getByName("127.0.0.2");
        // the whole 127/8 block is loopback on Linux, where the suite runs
        assertThat(canListenOn(other)).as("127.0.0.2 is a loopback address here").isTrue();
        try (TlsRelay elsewhere = TlsRelay.start(certificates, "registry", other, upstream, USER, PASSWORD, false)) {
            SchemaRegistryClient client = new SchemaRegistryClient(trusted(elsewhere.url()));

            assertThatThrownBy(client::compatibility)
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("does not name the host 127.0.0.2");
            assertThat(elsewhere.forwarded()).isZero();
        }
    }

    @Test
    void presentsItsOwnCertificateToARegistryThatAsksForOne() throws Exception {
        try (TlsRelay mutual = TlsRelay.start(certificates, "registry", InetAddress.getLoopbackAddress(), upstream, USER,
                PASSWORD, true)) {
            RegistryConnection withoutKey = trusted(mutual.url());
            RegistryConnection withKey = withoutKey.withKeystore(certificates.keystore("client"), certificates.password(),
                    StoreType.PKCS12, null);

            assertThat(new SchemaRegistryClient(withKey).compatibility()).isEqualTo(Compatibility.BACKWARD);
            // TLS 1.3 ends the client's handshake before the server checks it: the refusal comes as the server's
            // alert (most runs) or as the connection closed under the request
            assertThatThrownBy(() -> new SchemaRegistryClient(withoutKey).compatibility())
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining(mutual.url());
            assertThat(mutual.forwarded()).isEqualTo(1);
        }
    }

    @Test
    void serdesRoundTripARecordConfiguredWithConfluentsKeys(KafkaBroker kafka) throws IOException {
        Path secrets = Files.writeString(directory.resolve("registry.properties"), "user.info=" + USER + ":" + PASSWORD + "\n");
        Map<String, Object> registry = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, relay.url(),
                SerdeConfig.SSL_TRUSTSTORE_LOCATION, certificates.truststore().toString(),
                SerdeConfig.SSL_TRUSTSTORE_PASSWORD, certificates.password(),
                SerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        String topic = "greetings-" + UUID.randomUUID();
        Greeting sent = Greeting.newBuilder().setId(7).setText("over TLS").setAmountMinor(990L).build();

        // the producer keeps the password out of its config with Kafka's file config provider
        Map<String, Object> producerConfig = new HashMap<>(registry);
        producerConfig.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
                "config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider",
                SerdeConfig.BASIC_AUTH_USER_INFO, "${file:" + secrets + ":user.info}"));
        int before = relay.forwarded();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "key", sent)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(relay.forwarded()).isGreaterThan(before);

        Map<String, Object> consumerConfig = new HashMap<>(registry);
        consumerConfig.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName(),
                SerdeConfig.SPECIFIC_VALUE_TYPE, Greeting.class.getName(),
                SerdeConfig.BASIC_AUTH_USER_INFO, USER + ":" + PASSWORD));
        List<Object> read = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record.value());
                }
                return !read.isEmpty();
            });
        }
        assertThat(read).containsExactly(sent);
    }

    private static boolean canListenOn(InetAddress address) {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
