package dev.strangler.proxy.route.internal;

import dev.strangler.proxy.ProxyProperties;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.RouteTableDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
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
    RouteStore routeStore(ProxyProperties properties, JsonMapper json, Clock clock) {
        RouteFile file = new RouteFile(properties.routes().file(), json);
        return new RouteStore(file, replicaId(properties), clock, defaultTable(properties, json));
    }

    @Bean
    AdminToken adminToken(ProxyProperties properties) {
        return AdminToken.fromFile(properties.admin().tokenFile());
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
    KafkaRouteSync kafkaRouteSync(RouteStore store, JsonMapper json, ProxyProperties properties) {
        return new KafkaRouteSync(store, json, properties.kafka().bootstrapServers(), properties.kafka().topic());
    }

    /** The table shipped in the jar, with the placeholder hosts replaced by the configured upstreams. */
    static RouteTableDocument defaultTable(ProxyProperties properties, JsonMapper json) {
        try (InputStream in = RouteConfiguration.class.getResourceAsStream("/default-routes.json")) {
            if (in == null) {
                throw new IllegalStateException("default-routes.json is missing from the jar");
            }
            RouteTableDocument doc = json.readValue(in, RouteTableDocument.class);
            return new RouteTableDocument(doc.version(), doc.origin(), doc.routes().stream()
                    .map(r -> r.withUpstreams(resolve(r.legacy(), properties), resolve(r.extracted(), properties)))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable URI resolve(@Nullable URI placeholder, ProxyProperties properties) {
        if (placeholder == null) {
            return null;
        }
        return switch (String.valueOf(placeholder.getHost())) {
            case "legacy-upstream" -> properties.legacyUpstream();
            case "extracted-upstream" -> properties.extractedUpstream();
            default -> placeholder;
        };
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
