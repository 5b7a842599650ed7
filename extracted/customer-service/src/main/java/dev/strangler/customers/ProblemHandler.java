package dev.strangler.customers;

import dev.strangler.support.problem.ProblemResponses;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of the service as {@code application/problem+json}; its own problems are {@link ServiceProblem}s. */
@RestControllerAdvice
class ProblemHandler extends ProblemResponses {

    @Override
    protected boolean isOwnProblem(Exception ex) {
        return ex instanceof ServiceProblem;
    }
}
