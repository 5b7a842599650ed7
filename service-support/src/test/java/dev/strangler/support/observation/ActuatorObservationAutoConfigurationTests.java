package dev.strangler.support.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Boot's observation registry, as a service gets it, with and without this auto-configuration's predicate. */
class ActuatorObservationAutoConfigurationTests {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                    ActuatorObservationAutoConfiguration.class));

    @Test
    void theRegistryObservesNoActuatorRequest() {
        web.run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            assertThat(enabled(registry, "/actuator/health/readiness")).isFalse();
            assertThat(enabled(registry, "/api/payments")).isTrue();
        });
    }

    @Test
    void followsTheActuatorsBasePath() {
        web.withPropertyValues("management.endpoints.web.base-path=/manage").run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            assertThat(enabled(registry, "/manage/health")).isFalse();
            assertThat(enabled(registry, "/actuator/health")).isTrue();
        });
    }

    @Test
    void canBeSwitchedOffToDebugAProbe() {
        web.withPropertyValues("strangler.observations.actuator=true").run(context -> {
            assertThat(context).doesNotHaveBean(ActuatorRequestsUnobserved.class);
            assertThat(enabled(context.getBean(ObservationRegistry.class), "/actuator/health")).isTrue();
        });
    }

    @Test
    void staysOutOfApplicationsWithoutAServletWeb() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ActuatorObservationAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ActuatorRequestsUnobserved.class));
    }

    private static boolean enabled(ObservationRegistry registry, String uri) {
        // a registry without a handler observes nothing at all: give it one, as tracing and metrics do
        registry.observationConfig().observationHandler(context -> true);
        Observation observation = Observation.createNotStarted("http.server.requests",
                () -> new ServerRequestObservationContext(new MockHttpServletRequest("GET", uri),
                        new MockHttpServletResponse()), registry);
        return !observation.isNoop();
    }
}
