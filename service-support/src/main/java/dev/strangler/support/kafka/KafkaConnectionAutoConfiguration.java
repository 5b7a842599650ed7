package dev.strangler.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Binds {@code strangler.kafka.*} in every component that has Kafka's client on its class path. Binding never fails
 * for a missing cluster: a component that may run without Kafka (a single proxy) does not need one; the first client
 * created asks {@link KafkaConnection#clientConfig()}, which names what is missing.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.kafka.clients.CommonClientConfigs")
@EnableConfigurationProperties(KafkaConnection.class)
public class KafkaConnectionAutoConfiguration {
}
