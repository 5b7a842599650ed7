package dev.strangler.payments.payment;

import dev.strangler.payments.ServiceProblem;
import dev.strangler.payments.idempotency.Idempotency;
import dev.strangler.payments.outbox.Outbox;
import dev.strangler.payments.payment.domain.Money;
import dev.strangler.payments.payment.domain.Payment;
import dev.strangler.payments.payment.domain.PaymentRuleViolation;
import dev.strangler.payments.payment.domain.PaymentStatus;
import dev.strangler.payments.psp.PspClient;
import dev.strangler.payments.psp.PspResult;
import dev.strangler.payments.vault.CardToken;
import dev.strangler.payments.vault.Vault;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The payment use cases. The gateway is never called inside a database transaction: an authorization is first
 * stored as PENDING (with its card token and, when given, its idempotency key), then the gateway is asked, then
 * the answer is stored. A crash or a timeout in between leaves a PENDING row that {@code PaymentReconciler}
 * resolves, never an unrecorded charge. Captures and refunds use the payment's version as an optimistic lock and
 * derive the gateway's idempotency key from it, so two racing captures send the gateway the same call and only
 * one is stored.
 *
 * <p>Every method answers with an {@link Idempotency.Reply}: the exact status and body, so that the same bytes can
 * be stored and replayed for a retried key.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final Payments payments;
    private final Vault vault;
    private final PspClient psp;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final OrderTotals orders;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    PaymentService(Payments payments, Vault vault, PspClient psp, Idempotency idempotency, Outbox outbox,
            OrderTotals orders, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.payments = payments;
        this.vault = vault;
        this.psp = psp;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.orders = orders;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** How a request is to be run. */
    public record Mode(@Nullable String idempotencyKey, boolean dryRun, String path) {
    }

    // ---- authorize ----------------------------------------------------------------------------------------------

    public Idempotency.Reply authorize(AuthorizePayment command, Mode mode) {
        CardToken card = vault.describe(command.cardNumber());
        if (card == null) {
            throw ServiceProblem.badRequest("invalid-card-number", "The card number is not a valid card number.");
        }
        if (mode.dryRun()) {
            return ok(HttpStatus.CREATED, wouldAuthorize(command, card));
        }
        String canonical = "authorize|" + command.orderId() + "|" + card.token() + "|" + command.amount() + "|"
                + command.currency();
        return idempotent(mode, "authorize", canonical, fresh -> doAuthorize(command, fresh));
    }

    private PaymentResponse wouldAuthorize(AuthorizePayment command, CardToken card) {
        Money amount = amountOf(command);
        if (payments.hasLivePayment(command.orderId())) {
            throw alreadyPaid();
        }
        Instant now = now();
        // what a successful authorization would return; id and pspReference are placeholders the proxy ignores
        Payment wouldBe = Payment.pending(0, command.orderId(), amount, card.token(), card.last4(), card.brand(), now)
                .authorized("dry-run", now);
        return PaymentResponse.from(wouldBe);
    }

    private Idempotency.Reply doAuthorize(AuthorizePayment command, Idempotency.@Nullable Fresh claim) {
        Money amount = amountOf(command);
        // no "already paid?" query first: the unique index payments_one_live_per_order answers it in the insert
        Payment pending = tx.execute(status -> {
            CardToken card = vault.tokenize(command.cardNumber());
            if (card == null) {
                throw ServiceProblem.badRequest("invalid-card-number", "The card number is not a valid card number.");
            }
            Payment p = payments.insertPending(command.orderId(), amount, card, now()).orElseThrow(this::alreadyPaid);
            if (claim != null) {
                idempotency.link(claim, p.id());
            }
            outbox.append("payment", String.valueOf(p.id()), "PaymentRequested", event(p));
            return p;
        });
        // the PAN tokenized above is still in hand: the gateway client needs no vault read for it (the reconciler,
        // which only has the token, reads the vault)
        PspResult result = psp.authorizeCardInHand(command.cardNumber(), amount, "order-" + command.orderId(),
                authorizationKey(pending.id()));
        if (result instanceof PspResult.TimedOut) {
            if (claim != null) {
                idempotency.leaveLinked(claim);
            }
            log.warn("Payment {} left PENDING: the gateway did not answer in time", pending.id());
            throw ServiceProblem.pspTimeout().with("paymentId", pending.id());
        }
        Payment settled = settle(pending, result);
        log.info("Payment {} for order {} is {}", settled.id(), settled.orderId(), settled.status());
        return answerFor(settled);
    }

    /** The gateway's key for a payment's authorization: the same on every retry and reconciliation. */
    public static String authorizationKey(long paymentId) {
        return "authorize-" + paymentId;
    }

    /** Stores what the gateway said about a PENDING payment; shared with the reconciler. */
    public Payment settle(Payment pending, PspResult result) {
        Instant now = now();
        Payment next = switch (result) {
            case PspResult.Approved a -> pending.authorized(a.reference(), now);
            case PspResult.Declined d -> pending.declined(now);
            case PspResult.Failed f -> pending.failed(now);
            case PspResult.TimedOut t -> throw new IllegalArgumentException("a timeout settles nothing");
        };
        Boolean stored = tx.execute(status -> {
            if (!payments.update(next)) {
                return false;
            }
            outbox.append("payment", String.valueOf(next.id()), "Payment" + camel(next.status()), event(next));
            return true;
        });
        return Boolean.TRUE.equals(stored) ? next
                : payments.find(pending.id()).orElseThrow(() -> ServiceProblem.notFound("payment"));
    }

    /** The answer an authorization gives for a payment in this state (also for replays of a linked key). */
    private Idempotency.Reply answerFor(Payment p) {
        return switch (p.status()) {
            case PENDING -> throw ServiceProblem.pspTimeout().with("paymentId", p.id());
            case DECLINED -> throw ServiceProblem.cardDeclined();
            case FAILED -> throw ServiceProblem.pspUnavailable();
            case VOIDED -> throw ServiceProblem.conflict("order-not-payable", "The payment was voided.");
            default -> ok(HttpStatus.CREATED, PaymentResponse.from(p));
        };
    }

    /**
     * The order's total, asked of the shop every time: a caller that states an amount only gets it checked, so
     * nobody pays 1.00 for an order of 160.67 (422 {@code amount-mismatch}, nothing charged).
     */
    private Money amountOf(AuthorizePayment command) {
        Money total = orders.totalOf(command.orderId());
        if (command.amount() != null) {
            String currency = command.currency() == null ? total.currency() : command.currency();
            if (!money(command.amount(), currency).equals(total)) {
                throw ServiceProblem.unprocessable("amount-mismatch",
                        "The amount is not the order's total; leave it out to pay the total.");
            }
        }
        return total;
    }

    private ServiceProblem alreadyPaid() {
        return ServiceProblem.conflict("order-already-paid", "The order is already paid.");
    }

    // ---- read ---------------------------------------------------------------------------------------------------

    public PaymentResponse get(long id) {
        return payments.find(id).map(PaymentResponse::from).orElseThrow(() -> ServiceProblem.notFound("payment"));
    }

    public List<PaymentResponse> forOrder(long orderId) {
        return payments.findByOrder(orderId).stream().map(PaymentResponse::from).toList();
    }

    /** The payments of several orders at once, newest first: the monolith's order lists and reports. */
    public List<PaymentResponse> forOrders(java.util.Collection<Long> orderIds) {
        if (orderIds.size() > MAX_ORDERS_PER_LOOKUP) {
            throw ServiceProblem.badRequest("too-many-orders",
                    "At most " + MAX_ORDERS_PER_LOOKUP + " orders per lookup; ask again for the rest.");
        }
        return payments.findByOrders(orderIds).stream().map(PaymentResponse::from).toList();
    }

    /** Bounds one lookup's query and answer; callers page through larger sets. */
    public static final int MAX_ORDERS_PER_LOOKUP = 500;

    // ---- capture and refund -------------------------------------------------------------------------------------

    public Idempotency.Reply capture(long id, @Nullable BigDecimal amount, Mode mode) {
        return idempotent(mode, "capture:" + id, "capture|" + amount, fresh -> {
            Payment payment = payments.find(id).orElseThrow(() -> ServiceProblem.notFound("payment"));
            Money capture = rules(() -> payment.captureAmount(
                    amount == null ? null : money(amount, payment.amount().currency())));
            Payment captured = payment.captured(capture, now());
            if (mode.dryRun()) {
                return ok(HttpStatus.OK, PaymentResponse.from(captured));
            }
            PspResult result = psp.capture(reference(payment), capture, "capture-" + id + "-v" + payment.version());
            requireDone(result);
            return store(captured, "PaymentCaptured");
        });
    }

    public Idempotency.Reply refund(long id, BigDecimal amount, Mode mode) {
        return idempotent(mode, "refund:" + id, "refund|" + amount, fresh -> {
            Payment payment = payments.find(id).orElseThrow(() -> ServiceProblem.notFound("payment"));
            Money refund = rules(() -> payment.refundAmount(money(amount, payment.amount().currency())));
            Payment refunded = payment.refunded(refund, now());
            if (mode.dryRun()) {
                return ok(HttpStatus.OK, PaymentResponse.from(refunded));
            }
            PspResult result = psp.refund(reference(payment), refund, "refund-" + id + "-v" + payment.version());
            requireDone(result);
            return store(refunded, "PaymentRefunded");
        });
    }

    /**
     * Voids an authorized payment (its order was cancelled): the gateway releases the authorization, then the
     * payment is VOIDED. 409 unless the payment is AUTHORIZED.
     */
    public Idempotency.Reply voidPayment(long id, Mode mode) {
        return idempotent(mode, "void:" + id, "void", fresh -> {
            Payment payment = payments.find(id).orElseThrow(() -> ServiceProblem.notFound("payment"));
            Payment voided = rules(() -> payment.voided(now()));
            if (mode.dryRun()) {
                return ok(HttpStatus.OK, PaymentResponse.from(voided));
            }
            PspResult result = psp.voidAuthorization(reference(payment), "void-" + id + "-v" + payment.version());
            requireDone(result);
            return store(voided, "PaymentVoided");
        });
    }

    /**
     * Stores a capture, refund or void. Losing the optimistic lock means a concurrent request changed the payment first:
     * 409, and the gateway saw the same idempotency key twice, so it acted once.
     */
    private Idempotency.Reply store(Payment next, String eventType) {
        Boolean stored = tx.execute(status -> {
            if (!payments.update(next)) {
                return false;
            }
            outbox.append("payment", String.valueOf(next.id()), eventType, event(next));
            return true;
        });
        if (!Boolean.TRUE.equals(stored)) {
            Payment now = payments.find(next.id()).orElseThrow(() -> ServiceProblem.notFound("payment"));
            log.info("Payment {} changed concurrently; re-checking against version {}", next.id(), now.version());
            throw ServiceProblem.conflict("concurrent-update", "The payment changed while this request ran; "
                    + "it is now " + now.status() + ".");
        }
        log.info("Payment {} is {}", next.id(), next.status());
        return ok(HttpStatus.OK, PaymentResponse.from(next));
    }

    private static void requireDone(PspResult result) {
        switch (result) {
            case PspResult.Approved a -> { }
            case PspResult.TimedOut t -> throw ServiceProblem.pspTimeout();
            default -> throw ServiceProblem.pspUnavailable();
        }
    }

    private static String reference(Payment payment) {
        if (payment.pspReference() == null || payment.pspReference().isEmpty()) {
            throw ServiceProblem.conflict("no-gateway-reference", "The payment has no gateway reference to act on.");
        }
        return payment.pspReference();
    }

    // ---- idempotency plumbing -----------------------------------------------------------------------------------

    private interface Work {
        Idempotency.Reply run(Idempotency.@Nullable Fresh claim);
    }

    private Idempotency.Reply idempotent(Mode mode, String operation, String canonical, Work work) {
        if (mode.idempotencyKey() == null || mode.dryRun()) {
            return rules(() -> work.run(null));
        }
        Idempotency.Claim claim = idempotency.claim(mode.idempotencyKey(), operation, Idempotency.hash(canonical));
        return switch (claim) {
            case Idempotency.Replay r -> r.reply();
            case Idempotency.Linked l -> {
                Payment p = payments.find(l.paymentId()).orElseThrow(() -> ServiceProblem.notFound("payment"));
                yield answerFor(p);
            }
            case Idempotency.Fresh fresh -> {
                try {
                    Idempotency.Reply reply = rules(() -> work.run(fresh));
                    idempotency.complete(fresh, reply);
                    yield reply;
                } catch (ServiceProblem problem) {
                    if (problem.getStatusCode().is5xxServerError()) {
                        // nothing definitive happened (or the key is linked to a pending payment): let a retry in
                        if (!(problem.getStatusCode().value() == 504 && problem.properties().containsKey("paymentId"))) {
                            idempotency.release(fresh);
                        }
                    } else {
                        idempotency.complete(fresh, problemReply(problem, mode.path()));
                    }
                    throw problem;
                } catch (RuntimeException e) {
                    idempotency.release(fresh);
                    throw e;
                }
            }
        };
    }

    private static <T> T rules(Supplier<T> action) {
        try {
            return action.get();
        } catch (PaymentRuleViolation v) {
            throw ServiceProblem.of(v);
        }
    }

    private Idempotency.Reply ok(HttpStatus status, Object body) {
        return new Idempotency.Reply(status.value(), JSON, json.writeValueAsString(body));
    }

    private Idempotency.Reply problemReply(ServiceProblem problem, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getBody().getType()));
        body.put("title", problem.getBody().getTitle());
        body.put("status", problem.getBody().getStatus());
        body.put("detail", problem.getBody().getDetail());
        body.put("instance", path);
        body.putAll(problem.properties());
        return new Idempotency.Reply(problem.getStatusCode().value(), PROBLEM, json.writeValueAsString(body));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Money money(BigDecimal amount, String currency) {
        return rules(() -> Money.of(amount, currency));
    }

    private static Map<String, Object> event(Payment p) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("paymentId", p.id());
        e.put("orderId", p.orderId());
        e.put("legacyId", p.legacyId());
        e.put("status", p.status().name());
        e.put("currency", p.amount().currency());
        e.put("amountMinor", p.amount().minor());
        e.put("capturedMinor", p.captured().minor());
        e.put("refundedMinor", p.refunded().minor());
        e.put("cardLast4", p.cardLast4());
        e.put("cardBrand", p.cardBrand());
        e.put("pspReference", p.pspReference());
        e.put("version", p.version());
        e.put("createdAt", p.createdAt().toString());
        e.put("updatedAt", p.updatedAt().toString());
        return e;
    }

    private static String camel(PaymentStatus status) {
        String name = status.name().toLowerCase();
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what we return must equal what a later read returns
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
