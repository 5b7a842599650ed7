package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.sampler.Sampler;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration;
import zipkin2.reporter.brave.AsyncZipkinSpanHandler;

/**
 * The proxy's own {@code application.properties} with Boot's tracing auto-configuration: spans are reported to
 * Zipkin only with the two arguments the lab passes, so tests and stand-alone runs never try to reach a collector.
 */
class ZipkinExportTests {

    private static final String[] LAB_ARGUMENTS = {
        "management.tracing.export.zipkin.endpoint=http://127.0.0.1:19411/api/v2/spans",
        "management.tracing.export.zipkin.enabled=true"
    };

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class,
                    ZipkinAutoConfiguration.class, ZipkinWithBraveTracingAutoConfiguration.class));

    @Test
    void tracesEveryRequestButExportsNothingByDefault() {
        app.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Tracer.class)
                    .doesNotHaveBean(AsyncZipkinSpanHandler.class);
            assertThat(context.getBean(Tracing.class).sampler()).isSameAs(Sampler.ALWAYS_SAMPLE);
        });
    }

    @Test
    void reportsSpansToZipkinWithTheLabsArguments() {
        app.withPropertyValues(LAB_ARGUMENTS).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AsyncZipkinSpanHandler.class);
        });
    }
}
