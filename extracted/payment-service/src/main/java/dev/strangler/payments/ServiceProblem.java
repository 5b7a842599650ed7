package dev.strangler.payments;

import dev.strangler.payments.payment.domain.PaymentRuleViolation;
import dev.strangler.support.problem.OwnProblem;
import org.springframework.http.HttpStatus;

/**
 * Every error the service raises itself: RFC 9457 with a stable {@code type} ({@code /problems/<slug>}). The slugs
 * and statuses are the monolith's, because callers must not be able to tell the two apart. The detail is ours and
 * never repeats what the caller sent: a caller may have sent a card number.
 */
public class ServiceProblem extends OwnProblem {

    public ServiceProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    /** The problem for a refused payment rule: 400 or 409 with the rule's slug. */
    public static ServiceProblem of(PaymentRuleViolation violation) {
        return switch (violation.kind()) {
            case BAD_REQUEST -> badRequest(violation.slug(), violation.getMessage());
            case CONFLICT -> conflict(violation.slug(), violation.getMessage());
        };
    }

    public static ServiceProblem notFound(String what) {
        return new ServiceProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such " + what + ".");
    }

    public static ServiceProblem badRequest(String slug, String detail) {
        return new ServiceProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
    }

    public static ServiceProblem unprocessable(String slug, String detail) {
        return new ServiceProblem(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Request cannot be processed", detail);
    }

    public static ServiceProblem conflict(String slug, String detail) {
        return new ServiceProblem(HttpStatus.CONFLICT, slug, "Conflict with the current state", detail);
    }

    public static ServiceProblem unauthorized() {
        return new ServiceProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "This endpoint needs a valid bearer token.");
    }

    public static ServiceProblem cardDeclined() {
        return new ServiceProblem(HttpStatus.PAYMENT_REQUIRED, "card-declined", "Card declined",
                "The payment gateway declined the card. Nothing was charged and no order was placed.");
    }

    public static ServiceProblem pspUnavailable() {
        return new ServiceProblem(HttpStatus.BAD_GATEWAY, "psp-unavailable", "Payment gateway unavailable",
                "The payment gateway failed. Nothing was charged; try again later.");
    }

    public static ServiceProblem pspTimeout() {
        return new ServiceProblem(HttpStatus.GATEWAY_TIMEOUT, "psp-timeout", "Payment gateway timeout",
                "The payment gateway did not answer in time. Nothing was recorded; try again later.");
    }
}
