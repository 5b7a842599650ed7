package dev.strangler.support.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An error an application raises itself: RFC 9457 with a stable {@code type} ({@code /problems/<slug>}) and a detail
 * written by us, which never repeats what the caller sent (a caller may have sent a card number or an e-mail address).
 * Each application names its own subclass ({@code ShopProblem}, {@code ServiceProblem}) with its factories.
 */
public class OwnProblem extends ErrorResponseException {

    private final String slug;

    public OwnProblem(HttpStatus status, String slug, String title, String detail) {
        super(status, ProblemResponses.problem(status, slug, title, detail), null);
        this.slug = slug;
    }

    /** The last path segment of the problem type, e.g. {@code card-declined}. */
    public String slug() {
        return slug;
    }

    @Override
    public String getMessage() {
        return slug + ": " + getBody().getDetail();
    }

    /** Adds an extension member, e.g. the id of a payment left pending. */
    public OwnProblem with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    /** The extension members, for tests and stored idempotent replies. */
    public Map<String, Object> properties() {
        Map<String, Object> props = getBody().getProperties();
        return props == null ? Map.of() : props;
    }
}
