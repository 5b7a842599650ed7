package dev.strangler.legacy;

import dev.strangler.support.problem.OwnProblem;
import org.springframework.http.HttpStatus;

/**
 * Every error the shop itself raises: an RFC 9457 problem with a stable {@code type} ({@code /problems/<slug>}).
 * The detail is written by us and never repeats what the caller sent, because a caller may have sent a card number.
 */
public class ShopProblem extends OwnProblem {

    public ShopProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    public static ShopProblem notFound(String what) {
        return new ShopProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such " + what + ".");
    }

    public static ShopProblem badRequest(String slug, String detail) {
        return new ShopProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
    }

    public static ShopProblem unprocessable(String slug, String detail) {
        return new ShopProblem(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Request cannot be processed", detail);
    }

    public static ShopProblem conflict(String slug, String detail) {
        return new ShopProblem(HttpStatus.CONFLICT, slug, "Conflict with the current state", detail);
    }

    public static ShopProblem cardDeclined() {
        return new ShopProblem(HttpStatus.PAYMENT_REQUIRED, "card-declined", "Card declined",
                "The payment gateway declined the card. Nothing was charged and no order was placed.");
    }

    public static ShopProblem pspUnavailable() {
        return new ShopProblem(HttpStatus.BAD_GATEWAY, "psp-unavailable", "Payment gateway unavailable",
                "The payment gateway failed. Nothing was charged; try again later.");
    }

    public static ShopProblem pspTimeout() {
        return new ShopProblem(HttpStatus.GATEWAY_TIMEOUT, "psp-timeout", "Payment gateway timeout",
                "The payment gateway did not answer in time. Nothing was recorded; try again later.");
    }
}
