package dev.strangler.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class KafkaConnectionTests {

    private static KafkaConnection bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("strangler.kafka", KafkaConnection.class);
    }

    @Test
    void scramOverTlsBecomesTheClientSettingsKafkaExpects() {
        KafkaConnection kafka = bind(Map.of(
                "strangler.kafka.bootstrap-servers", "kafka-1:9093,kafka-2:9093",
                "strangler.kafka.security-protocol", "sasl_ssl",
                "strangler.kafka.sasl.mechanism", "SCRAM-SHA-512",
                "strangler.kafka.sasl.username", "cdc-bridge",
                "strangler.kafka.sasl.password", "pa\"ss",
                "strangler.kafka.ssl.truststore-location", "/etc/kafka/truststore.p12",
                "strangler.kafka.ssl.truststore-password", "changeit"));

        assertThat(kafka.clientConfig()).containsEntry("bootstrap.servers", "kafka-1:9093,kafka-2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"cdc-bridge\" password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .doesNotContainKey("ssl.keystore.location");
    }

    @Test
    void plainTextHasNoSecuritySettingsAndFurtherPropertiesComeLast() {
        KafkaConnection kafka = bind(Map.of("strangler.kafka.bootstrap-servers", "127.0.0.1:9092",
                "strangler.kafka.properties[client.dns.lookup]", "use_all_dns_ips",
                "strangler.kafka.sasl.username", "ignored"));

        assertThat(kafka.clientConfig()).containsOnlyKeys("bootstrap.servers", "security.protocol", "client.dns.lookup");
        assertThat(kafka.clientConfig(Map.of("client.id", "proxy"))).containsEntry("client.id", "proxy");
    }

    @Test
    void oauthBearerTakesTheWholeJaasLine() {
        KafkaConnection kafka = bind(Map.of("strangler.kafka.bootstrap-servers", "k:9093",
                "strangler.kafka.security-protocol", "SASL_SSL", "strangler.kafka.sasl.mechanism", "OAUTHBEARER",
                "strangler.kafka.sasl.jaas-config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"
                        + " required;"));

        assertThat(kafka.clientConfig()).containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
    }

    @Test
    void eachMissingOrWrongSettingIsNamed() {
        assertThatThrownBy(() -> bind(Map.of()).clientConfig())
                .hasMessageContaining("strangler.kafka.bootstrap-servers is not set");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "TLS")).clientConfig())
                .hasMessageContaining("strangler.kafka.security-protocol is 'TLS'");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "SASL_SSL")).clientConfig())
                .hasMessageContaining("strangler.kafka.sasl.mechanism is not set");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "SASL_SSL", "strangler.kafka.sasl.mechanism", "GSSAPI"))
                .clientConfig()).hasMessageContaining("strangler.kafka.sasl.mechanism is 'GSSAPI'");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "SASL_SSL", "strangler.kafka.sasl.mechanism", "PLAIN"))
                .clientConfig()).hasMessageContaining("strangler.kafka.sasl.username is not set");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "SASL_SSL", "strangler.kafka.sasl.mechanism", "SCRAM-SHA-256",
                "strangler.kafka.sasl.username", "bridge")).clientConfig())
                .hasMessageContaining("strangler.kafka.sasl.password is not set");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "SASL_SSL", "strangler.kafka.sasl.mechanism", "OAUTHBEARER"))
                .clientConfig()).hasMessageContaining("strangler.kafka.sasl.jaas-config is not set");
        assertThatThrownBy(() -> bind(Map.of("strangler.kafka.topics.replication-factor", "2",
                "strangler.kafka.topics.min-insync-replicas", "3")))
                .hasStackTraceContaining("strangler.kafka.topics.min-insync-replicas must be between 0");
    }

    @Test
    void topicsFollowTheBrokerUnlessSet() {
        assertThat(bind(Map.of()).topics().replication()).isEmpty();
        assertThat(bind(Map.of()).topics().topicConfig()).isEmpty();
        KafkaConnection.Topics topics = bind(Map.of("strangler.kafka.topics.replication-factor", "3",
                "strangler.kafka.topics.min-insync-replicas", "2")).topics();
        assertThat(topics.replication()).isEqualTo(Optional.of((short) 3));
        assertThat(topics.topicConfig()).containsExactly(Map.entry("min.insync.replicas", "2"));
    }

    @Test
    void neitherToStringNorDescribeShowsAPassword() {
        KafkaConnection kafka = bind(Map.of("strangler.kafka.bootstrap-servers", "k:1",
                "strangler.kafka.security-protocol", "SASL_SSL", "strangler.kafka.sasl.mechanism", "PLAIN",
                "strangler.kafka.sasl.username", "u", "strangler.kafka.sasl.password", "s3cret-pw",
                "strangler.kafka.ssl.truststore-password", "s3cret-ts"));

        assertThat(kafka.toString()).doesNotContain("s3cret").contains("k:1", "SASL_SSL PLAIN");
        assertThat(kafka.describe()).doesNotContain("s3cret");
    }

    @Test
    void everyComponentWithKafkasClientGetsTheBinding() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaConnectionAutoConfiguration.class))
                .withPropertyValues("strangler.kafka.bootstrap-servers=k:9092")
                .run(context -> assertThat(context.getBean(KafkaConnection.class).bootstrapServers()).isEqualTo("k:9092"));
    }
}
