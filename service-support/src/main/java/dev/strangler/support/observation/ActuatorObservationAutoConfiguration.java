package dev.strangler.support.observation;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Registers {@link ActuatorRequestsUnobserved} in every servlet application of the toolkit (Boot registers
 * {@link ObservationPredicate} beans with the observation registry). {@code strangler.observations.actuator=true}
 * observes the actuator's requests again, for the rare case of debugging a probe.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ObservationPredicate.class, ServerRequestObservationContext.class})
@ConditionalOnProperty(name = "strangler.observations.actuator", havingValue = "false", matchIfMissing = true)
public class ActuatorObservationAutoConfiguration {

    @Bean
    ActuatorRequestsUnobserved actuatorRequestsUnobserved(
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        return new ActuatorRequestsUnobserved(basePath);
    }
}
