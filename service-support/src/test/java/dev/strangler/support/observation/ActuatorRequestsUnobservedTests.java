package dev.strangler.support.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ActuatorRequestsUnobservedTests {

    private final ActuatorRequestsUnobserved predicate = new ActuatorRequestsUnobserved("/actuator");

    @Test
    void dropsTheActuatorsRequests() {
        assertThat(observed("/actuator/health/readiness")).isFalse();
        assertThat(observed("/actuator/prometheus")).isFalse();
        assertThat(observed("/actuator")).isFalse();
    }

    @Test
    void observesEveryOtherRequest() {
        assertThat(observed("/api/orders/1")).isTrue();
        assertThat(observed("/")).isTrue();
        assertThat(observed("/actuatorish")).isTrue();
        assertThat(observed("/api/actuator/health")).isTrue();
    }

    @Test
    void looksBehindTheContextPath() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/shop/actuator/health");
        request.setContextPath("/shop");
        assertThat(predicate.test("http.server.requests", context(request))).isFalse();
    }

    @Test
    void honoursAnotherBasePath() {
        ActuatorRequestsUnobserved management = new ActuatorRequestsUnobserved("/manage/");
        assertThat(management.test("http.server.requests", context(new MockHttpServletRequest("GET",
                "/manage/health")))).isFalse();
        assertThat(management.test("http.server.requests", context(new MockHttpServletRequest("GET",
                "/actuator/health")))).isTrue();
    }

    @Test
    void leavesOtherObservationsAlone() {
        assertThat(predicate.test("jdbc.query", new Observation.Context())).isTrue();
    }

    @Test
    void refusesTheRootAsBasePath() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ActuatorRequestsUnobserved("/"));
    }

    private boolean observed(String uri) {
        return predicate.test("http.server.requests", context(new MockHttpServletRequest("GET", uri)));
    }

    private static ServerRequestObservationContext context(MockHttpServletRequest request) {
        return new ServerRequestObservationContext(request, new MockHttpServletResponse());
    }
}
