package dev.strangler.customers;

import dev.strangler.support.problem.OwnProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Every error the service raises itself: RFC 9457 with a stable {@code type} ({@code /problems/<slug>}). Slugs,
 * statuses and wording are the monolith's, because callers must not be able to tell the two apart. The detail never
 * repeats what the caller sent.
 */
public class ServiceProblem extends OwnProblem {

    public ServiceProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    public static ServiceProblem notFound(String what) {
        return new ServiceProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such " + what + ".");
    }

    /** A field the request's constraints let through but the service cannot take: Bean Validation's shape. */
    public static ServiceProblem invalidField(String field, String message) {
        ServiceProblem problem = new ServiceProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "Some fields are missing or invalid; see 'errors'.");
        problem.getBody().setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    public static ServiceProblem badRequest(String slug, String detail) {
        return new ServiceProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
    }

    public static ServiceProblem conflict(String slug, String detail) {
        return new ServiceProblem(HttpStatus.CONFLICT, slug, "Conflict with the current state", detail);
    }
}
