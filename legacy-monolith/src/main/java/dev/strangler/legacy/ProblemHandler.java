package dev.strangler.legacy;

import dev.strangler.support.problem.ProblemResponses;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of the shop as {@code application/problem+json}; the shop's own problems are {@link ShopProblem}s. */
@RestControllerAdvice
class ProblemHandler extends ProblemResponses {

    @Override
    protected boolean isOwnProblem(Exception ex) {
        return ex instanceof ShopProblem;
    }
}
