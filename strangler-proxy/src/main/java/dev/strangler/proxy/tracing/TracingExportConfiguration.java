package dev.strangler.proxy.tracing;

import dev.strangler.proxy.forward.EventLoopSpanBatching;
import java.net.URI;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.zipkin.autoconfigure.ZipkinConnectionDetails;
import org.springframework.boot.zipkin.autoconfigure.ZipkinProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;

/**
 * Adjusts Boot's Zipkin export (present only with {@code management.tracing.export.zipkin.enabled=true}) for the
 * data plane's rate: bursts from the event loops ({@link EventLoopSpanBatching}) and no gzip on loopback
 * ({@link ZipkinSpanSender}, which Boot then uses instead of its own sender). Endpoint, encoding and timeouts are
 * Boot's {@code management.tracing.export.zipkin.*} properties.
 */
@Configuration(proxyBeanMethods = false)
class TracingExportConfiguration {

    @Bean
    static BeanPostProcessor eventLoopSpanBatching() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof AsyncZipkinSpanHandler exporter ? new EventLoopSpanBatching(exporter) : bean;
            }
        };
    }

    @Bean
    @ConditionalOnBooleanProperty("management.tracing.export.zipkin.enabled")
    BytesMessageSender zipkinSpanSender(ZipkinConnectionDetails connection, ZipkinProperties properties,
                                        Encoding encoding) {
        return new ZipkinSpanSender(encoding, URI.create(connection.getSpanEndpoint()),
                properties.getConnectTimeout(), properties.getReadTimeout());
    }
}
