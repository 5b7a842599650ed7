package dev.strangler.playbook.traffic;

/**
 * What a shopper (or the back office) does, with its share of the traffic in percent. The shares follow a shop's
 * usual mix: mostly browsing, a fifth buying, a tenth of the payments moving on to capture and refund.
 *
 * <p>A kind that needs something earlier traffic made (an order awaiting payment, an authorized payment, a captured
 * one) does that earlier step instead while there is none, so the mix is realistic from the first second.
 */
public enum RequestKind {
    BROWSE_PRODUCTS("GET /api/products", 20),
    VIEW_PRODUCT("GET /api/products/{id}", 14),
    VIEW_CUSTOMER("GET /api/customers/{id}", 4),
    SIGN_UP("POST /api/customers", 2),
    VIEW_ORDER("GET /api/orders/{id}", 10),
    VIEW_PAYMENT("GET /api/payments/{id}", 12),
    SALES_REPORT("GET /api/reports/sales", 1),
    CHECKOUT("POST /api/orders (with card)", 9),
    CREATE_ORDER("POST /api/orders (no card)", 9),
    PAY("POST /api/payments", 9),
    CAPTURE("POST /api/payments/{id}/capture", 6),
    REFUND("POST /api/payments/{id}/refund", 4);

    private final String request;
    private final int share;

    RequestKind(String request, int share) {
        this.request = request;
        this.share = share;
    }

    /** The HTTP request, e.g. {@code POST /api/payments}. */
    public String request() {
        return request;
    }

    /** Percent of all requests, before substitutions (all shares add up to 100). */
    public int share() {
        return share;
    }

    /**
     * Whether the request cannot be answered without the payment service once payments are extracted: it makes,
     * changes or shows a payment. Everything else must keep working while the service is down (the shop's promise
     * of failure isolation); a chaos drill counts the failures of each group apart.
     */
    public boolean needsPayments() {
        return switch (this) {
            case CHECKOUT, PAY, CAPTURE, REFUND, VIEW_PAYMENT -> true;
            default -> false;
        };
    }

    /**
     * Whether the request cannot be answered without the lab's service {@code service} once its capability is
     * extracted: the payment service for {@link #needsPayments()}, the customer service for a customer's profile or
     * sign-up (an order names its customer, but the monolith reads its own customers table, kept in step).
     */
    public boolean needs(String service) {
        return switch (service) {
            case "payment-service" -> needsPayments();
            case "customer-service" -> this == VIEW_CUSTOMER || this == SIGN_UP;
            default -> false;
        };
    }

    /** Whether the request changes the shop (and may touch money). */
    public boolean writes() {
        return request.startsWith("POST");
    }
}
