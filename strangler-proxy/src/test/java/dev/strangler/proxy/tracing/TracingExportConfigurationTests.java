package dev.strangler.proxy.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.SpanHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;
import dev.strangler.proxy.forward.EventLoopSpanBatching;
import zipkin2.reporter.BytesMessageSender;

/** With export on, Boot's Zipkin reporter sits behind the batching and sends through our sender; off, neither is made. */
class TracingExportConfigurationTests {

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class,
                    ZipkinAutoConfiguration.class, ZipkinWithBraveTracingAutoConfiguration.class))
            .withUserConfiguration(TracingExportConfiguration.class);

    @Test
    void exportOnBatchesAndSendsWithoutBootsGzip() {
        app.withPropertyValues("management.tracing.export.zipkin.enabled=true",
                "management.tracing.export.zipkin.endpoint=http://127.0.0.1:19411/api/v2/spans",
                "management.tracing.export.zipkin.encoding=PROTO3").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BytesMessageSender.class)).isInstanceOfSatisfying(ZipkinSpanSender.class,
                    sender -> assertThat(sender.compresses()).isFalse());
            assertThat(context.getBean(BytesMessageSender.class).encoding()).hasToString("PROTO3");
            assertThat(context.getBeanProvider(SpanHandler.class).stream())
                    .anyMatch(EventLoopSpanBatching.class::isInstance);
        });
    }

    @Test
    void exportOffLeavesNoSenderAndNoExporter() {
        app.withPropertyValues("management.tracing.export.zipkin.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            // Boot still defines its (idle) sender; ours, and its HTTP client, only exist with export on
            assertThat(context.getBeansOfType(BytesMessageSender.class).values())
                    .noneMatch(ZipkinSpanSender.class::isInstance);
            assertThat(context.getBeanProvider(SpanHandler.class).stream())
                    .noneMatch(EventLoopSpanBatching.class::isInstance);
        });
    }
}
