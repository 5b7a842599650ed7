package dev.strangler.payments.payment.domain;

/**
 * A request the payment rules refuse. The domain knows no HTTP; the web layer turns the {@link Kind} into a status
 * and the slug into the problem type, so the rules keep the monolith's problem types.
 */
public final class PaymentRuleViolation extends RuntimeException {

    /** Why the request was refused. */
    public enum Kind { BAD_REQUEST, CONFLICT }

    private final Kind kind;
    private final String slug;

    private PaymentRuleViolation(Kind kind, String slug, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.slug = slug;
    }

    public static PaymentRuleViolation badRequest(String slug, String detail) {
        return new PaymentRuleViolation(Kind.BAD_REQUEST, slug, detail);
    }

    public static PaymentRuleViolation conflict(String slug, String detail) {
        return new PaymentRuleViolation(Kind.CONFLICT, slug, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }
}
