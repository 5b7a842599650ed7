package dev.strangler.support.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

class ProblemResponsesTests {

    static final class OwnProblem extends ErrorResponseException {
        OwnProblem() {
            super(HttpStatus.CONFLICT, ProblemResponses.problem(HttpStatus.CONFLICT, "own", "Own", "Ours."), null);
        }
    }

    @ResponseStatus(HttpStatus.I_AM_A_TEAPOT)
    static final class AnnotatedFailure extends RuntimeException {
    }

    @RestControllerAdvice
    static final class Handler extends ProblemResponses {
        @Override
        protected boolean isOwnProblem(Exception ex) {
            return ex instanceof OwnProblem;
        }
    }

    @RestController
    static final class Faults {
        @GetMapping("/fault/{kind}")
        String fault(@PathVariable String kind) {
            throw switch (kind) {
                case "bug" -> new IllegalStateException("secret internals 4111111111111111");
                case "no-connection" -> new CannotGetJdbcConnectionException("connection refused");
                case "query-timeout" -> new QueryTimeoutException("canceled");
                case "constraint" -> new DataIntegrityViolationException("duplicate key");
                case "own" -> new OwnProblem();
                case "status" -> new ResponseStatusException(HttpStatus.GONE);
                default -> new AnnotatedFailure();
            };
        }

        @PostMapping("/echo/{id}")
        Map<String, Object> echo(@PathVariable long id, @RequestBody Map<String, Object> body) {
            return body;
        }
    }

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Faults()).setControllerAdvice(new Handler()).build();

    @Test
    void anUnexpectedExceptionIsAProblemThatShowsNoInternals() throws Exception {
        String body = mvc.perform(get("/fault/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/internal-error"))
                .andReturn().getResponse().getContentAsString();

        assertThat(body).doesNotContain("secret", "4111", "IllegalStateException");
    }

    @Test
    void anUnreachableOrSlowDatabaseIsAServiceUnavailableToRetryLater() throws Exception {
        for (String kind : new String[] {"no-connection", "query-timeout"}) {
            mvc.perform(get("/fault/" + kind))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("/problems/database-unavailable"));
        }
    }

    @Test
    void aBrokenConstraintIsTheCallersConflict() throws Exception {
        mvc.perform(get("/fault/constraint"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/constraint-violation"))
                .andExpect(jsonPath("$.detail").value("The change conflicts with data already stored."));
    }

    @Test
    void exceptionsWithAStatusOfTheirOwnKeepIt() throws Exception {
        mvc.perform(get("/fault/own")).andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("/problems/own"));
        mvc.perform(get("/fault/status")).andExpect(status().isGone())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/fault/annotated")).andExpect(status().isIAmATeapot());
    }

    @Test
    void frameworkErrorsGetOurWordingNotTheRejectedValue() throws Exception {
        mvc.perform(post("/echo/4111111111111111x").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/invalid-parameter"))
                .andExpect(jsonPath("$.detail").value("Parameter 'id' has the wrong type."));
        mvc.perform(post("/echo/1").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/malformed-request"));
        mvc.perform(get("/echo/1"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.type").value("/problems/method-not-allowed"));
    }
}
