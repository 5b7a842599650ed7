package dev.strangler.proxy.route.internal;

import dev.strangler.extraction.Extractions;
import dev.strangler.proxy.ProxyProperties;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.RouteTableDocument;
import dev.strangler.support.kafka.KafkaConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the route table: file, store (seeded from the jar's default table), admin token, Kafka sharing. */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RouteStore routeStore(ProxyProperties properties, JsonMapper json, Clock clock, Extractions extractions) {
        RouteFile file = new RouteFile(properties.routes().file(), json);
        return new RouteStore(file, replicaId(properties), clock, defaultTable(extractions, properties));
    }

    @Bean
    AdminToken adminToken(ProxyProperties properties) {
        return AdminToken.of(properties.admin().token(), properties.admin().tokenFile());
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        registration.addUrlPatterns("/admin/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminBodyLimit> adminBodyLimit(ProxyProperties properties) {
        FilterRegistrationBean<AdminBodyLimit> registration =
                new FilterRegistrationBean<>(new AdminBodyLimit(properties.admin().maxRequestBody().toBytes()));
        // the whole admin port: nothing on it takes a large body, and a refused one must still get an answer
        registration.addUrlPatterns("/*");
        registration.setOrder(1); // after the token: a caller without it learns nothing, not even the limit
        return registration;
    }

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    @Bean
    @ConditionalOnProperty(name = "proxy.kafka.enabled", havingValue = "true", matchIfMissing = true)
    KafkaRouteSync kafkaRouteSync(RouteStore store, JsonMapper json, ProxyProperties properties,
            KafkaConnection kafka) {
        return new KafkaRouteSync(store, json, kafka, properties.kafka().topic());
    }

    /** The extraction descriptors, refused as a whole when any is invalid: nothing starts half-configured. */
    @Bean
    Extractions extractions(ProxyProperties properties) {
        return Extractions.load(properties.extractions());
    }

    /** The table built from the descriptors, used when the routes file does not exist yet. */
    static RouteTableDocument defaultTable(Extractions extractions, ProxyProperties properties) {
        return ExtractionRoutes.defaultTable(extractions, properties);
    }

    private static String replicaId(ProxyProperties properties) {
        if (!properties.replicaId().isBlank()) {
            return properties.replicaId();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + properties.port();
        } catch (UnknownHostException e) {
            return "replica:" + properties.port();
        }
    }

}
