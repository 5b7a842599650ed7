package dev.strangler.payments;

import dev.strangler.payments.payment.domain.PaymentRuleViolation;
import dev.strangler.support.problem.ProblemResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** Every error of the service as {@code application/problem+json}; its own problems are {@link ServiceProblem}s. */
@RestControllerAdvice
class ProblemHandler extends ProblemResponses {

    @Override
    protected boolean isOwnProblem(Exception ex) {
        return ex instanceof ServiceProblem;
    }

    /** A payment rule the domain refused, as the monolith's problem. */
    @ExceptionHandler(PaymentRuleViolation.class)
    ResponseEntity<Object> ruleViolation(PaymentRuleViolation violation, WebRequest request) throws Exception {
        return handleException(ServiceProblem.of(violation), request);
    }
}
