package dev.strangler.playbook.traffic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strangler.playbook.traffic.FailureKind;
import dev.strangler.playbook.traffic.RequestKind;
import dev.strangler.playbook.traffic.TrafficException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shop as the load generator sees it: what it discovered (products, customers), what this run created (orders
 * awaiting payment, authorized and captured payments) and one method per request kind, each sending one HTTP request
 * and classifying its answer.
 *
 * <p>Test cards are the fake payment gateway's: two that approve, two that decline with 402. The cards that make the
 * gateway fail or time out are never used: those are faults a drill injects on purpose, not shop traffic.
 */
public final class Shop {

    /** Approved by the fake gateway. */
    static final List<String> APPROVING_CARDS = List.of("4242424242424242", "5555555555554444");
    /** Declined by the fake gateway with 402 ({@code card_declined}, {@code insufficient_funds}). */
    static final List<String> DECLINING_CARDS = List.of("4000000000000002", "4000000000009995");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PRODUCT_IN_DETAIL = Pattern.compile("product (\\d+)");
    private static final int RECENT = 4096;

    private final HttpClient http;
    private final URI target;
    private final Duration timeout;
    private final String runId;
    private final double declineShare;

    private final List<Long> products = new ArrayList<>();
    private final Set<Long> soldOut = ConcurrentHashMap.newKeySet();
    private final List<Long> customers = new ArrayList<>();
    private int productPages = 1;

    private final ConcurrentLinkedDeque<OrderRef> awaitingPayment = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<PaymentRef> authorized = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<PaymentRef> captured = new ConcurrentLinkedDeque<>();
    private final Recent<OrderRef> recentOrders = new Recent<>(RECENT);
    private final Recent<PaymentRef> recentPayments = new Recent<>(RECENT);
    private final AtomicLong keys = new AtomicLong();

    public Shop(HttpClient http, URI target, Duration timeout, String runId, double declineShare) {
        this.http = http;
        this.target = target;
        this.timeout = timeout;
        this.runId = runId;
        this.declineShare = declineShare;
    }

    /** An order this run created. */
    record OrderRef(long id, long customerId) {
    }

    /** A payment this run created; {@code amount} is what is left to capture or refund. */
    record PaymentRef(long id, long customerId, BigDecimal amount) {
    }

    /**
     * What one request came to.
     *
     * @param kind           what was actually sent (a kind whose precondition was missing sends its prerequisite)
     * @param paymentCreated the id of a payment this request authorized
     * @param customerCreated the id of a customer this request signed up
     * @param captured       a capture answered 200
     * @param refunded       a refund answered 200
     */
    public record Exchange(RequestKind kind, Result result, @Nullable FailureKind failure, int status,
            @Nullable String problemType, @Nullable Long paymentCreated, boolean captured, boolean refunded,
            @Nullable String error, @Nullable Long customerCreated) {

        Exchange(RequestKind kind, Result result, @Nullable FailureKind failure, int status,
                @Nullable String problemType, @Nullable Long paymentCreated, boolean captured, boolean refunded,
                @Nullable String error) {
            this(kind, result, failure, status, problemType, paymentCreated, captured, refunded, error, null);
        }

        Exchange(RequestKind kind, Result result, int status, @Nullable String problemType, @Nullable Long paymentCreated,
                boolean captured, boolean refunded) {
            this(kind, result, null, status, problemType, paymentCreated, captured, refunded, null);
        }

        static Exchange signedUp(long customerId) {
            return new Exchange(RequestKind.SIGN_UP, Result.OK, null, 201, null, null, false, false, null, customerId);
        }

        static Exchange ok(RequestKind kind, int status) {
            return new Exchange(kind, Result.OK, status, null, null, false, false);
        }

        static Exchange failed(RequestKind kind, FailureKind failure, int status, @Nullable String problemType) {
            return new Exchange(kind, Result.FAILED, failure, status, problemType, null, false, false, null);
        }

        static Exchange noAnswer(RequestKind kind, FailureKind failure, Exception e) {
            return new Exchange(kind, Result.FAILED, failure, 0, null, null, false, false, describe(e));
        }
    }

    /** How an answer counts. */
    public enum Result {
        OK, DECLINED, OUT_OF_STOCK, FAILED
    }

    /**
     * Reads the catalog and the customers through the target (before the clock starts), so that requests name things
     * that exist. Fails when the shop does not answer.
     */
    public void discover() {
        try {
            JsonNode page = getJson("/api/products?page=0&size=100");
            addIds(page, products);
            long totalPages = page.path("totalPages").asLong(1);
            for (int p = 1; p < Math.min(totalPages, 5); p++) {
                addIds(getJson("/api/products?page=" + p + "&size=100"), products);
            }
            productPages = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (page.path("totalItems").asLong(products.size()) + 19) / 20));
            JsonNode customerPage = getJson("/api/customers?page=0&size=100");
            addIds(customerPage, customers);
            if (customerPage.path("totalPages").asLong(1) > 1) {
                addIds(getJson("/api/customers?page=1&size=100"), customers);
            }
        } catch (IOException e) {
            throw new TrafficException("the shop does not answer on " + target + " (" + describe(e)
                    + "): is the lab up (./strangler up)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrafficException("interrupted while reading the shop's catalog");
        }
        if (products.isEmpty() || customers.isEmpty()) {
            throw new TrafficException("the shop on " + target + " has " + products.size() + " products and "
                    + customers.size() + " customers: seed it first (./strangler seed --orders 1000)");
        }
    }

    public int productCount() {
        return products.size();
    }

    public int customerCount() {
        return customers.size();
    }

    /** Sends one request of {@code planned} kind, or of its prerequisite while nothing is ready for it. */
    public Exchange execute(RequestKind planned, SplittableRandom random) {
        try {
            return switch (planned) {
                case BROWSE_PRODUCTS -> browse(random);
                case VIEW_PRODUCT -> viewProduct(random);
                case VIEW_CUSTOMER -> read(RequestKind.VIEW_CUSTOMER, "/api/customers/" + pick(customers, random), anyCustomer(random));
                case SIGN_UP -> signUp(random);
                case VIEW_ORDER -> {
                    OrderRef order = recentOrders.pick(random);
                    yield order == null ? browse(random)
                            : read(RequestKind.VIEW_ORDER, "/api/orders/" + order.id(), order.customerId());
                }
                case VIEW_PAYMENT -> {
                    PaymentRef payment = recentPayments.pick(random);
                    yield payment == null ? viewProduct(random)
                            : read(RequestKind.VIEW_PAYMENT, "/api/payments/" + payment.id(), payment.customerId());
                }
                case SALES_REPORT -> read(RequestKind.SALES_REPORT, "/api/reports/sales?from=2020-01-01&to="
                        + LocalDate.now(ZoneOffset.UTC).plusDays(1), anyCustomer(random));
                case CHECKOUT -> placeOrder(random, true);
                case CREATE_ORDER -> placeOrder(random, false);
                case PAY -> {
                    OrderRef order = awaitingPayment.pollFirst();
                    yield order == null ? placeOrder(random, false) : pay(order, random);
                }
                case CAPTURE -> {
                    PaymentRef payment = authorized.pollFirst();
                    yield payment == null ? placeOrder(random, true) : capture(payment);
                }
                case REFUND -> {
                    PaymentRef payment = captured.pollFirst();
                    if (payment != null) {
                        yield refund(payment, random);
                    }
                    PaymentRef toCapture = authorized.pollFirst();
                    yield toCapture == null ? placeOrder(random, true) : capture(toCapture);
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exchange.failed(planned, FailureKind.CONNECTION, 0, null);
        }
    }

    private Exchange browse(SplittableRandom random) throws InterruptedException {
        return read(RequestKind.BROWSE_PRODUCTS, "/api/products?page=" + random.nextInt(productPages) + "&size=20",
                anyCustomer(random));
    }

    private Exchange viewProduct(SplittableRandom random) throws InterruptedException {
        return read(RequestKind.VIEW_PRODUCT, "/api/products/" + pick(products, random), anyCustomer(random));
    }

    private Exchange read(RequestKind kind, String path, long customerId) throws InterruptedException {
        Answer answer = send(kind, request(path, customerId).GET());
        if (answer.exchange() != null) {
            return answer.exchange();
        }
        return answer.status() == 200 ? Exchange.ok(kind, 200) : unexpected(kind, answer);
    }

    /**
     * A new customer. It is not picked by later requests of this run: a customer signed up through the extracted
     * service reaches the monolith's table through the CDC bridge a moment later, and an order placed in that moment
     * would fail for a reason no shopper causes (an order right after sign-up goes to the same side in real life).
     * The rehearsal checks that every one of them is in both databases at the end.
     */
    private Exchange signUp(SplittableRandom random) throws InterruptedException {
        long n = keys.incrementAndGet();
        ObjectNode body = JSON.createObjectNode()
                .put("email", "signup-" + runId + "-" + n + "@example.test")
                .put("name", GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size())) + " Newcomer " + n);
        Answer answer = send(RequestKind.SIGN_UP, request("/api/customers", anyCustomer(random))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.exchange() != null) {
            return answer.exchange();
        }
        long id = answer.status() == 201 ? answer.json().path("id").asLong(0) : 0;
        return id > 0 ? Exchange.signedUp(id) : unexpected(RequestKind.SIGN_UP, answer);
    }

    private static final List<String> GIVEN_NAMES = List.of("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald");

    private Exchange placeOrder(SplittableRandom random, boolean withCard) throws InterruptedException {
        RequestKind kind = withCard ? RequestKind.CHECKOUT : RequestKind.CREATE_ORDER;
        long customerId = pick(customers, random);
        ObjectNode body = JSON.createObjectNode().put("customerId", customerId);
        ArrayNode items = body.putArray("items");
        int lines = 1 + random.nextInt(3);
        List<Long> chosen = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            long product = pickInStock(random);
            if (!chosen.contains(product)) {
                chosen.add(product);
                items.addObject().put("productId", product).put("quantity", 1 + random.nextInt(2));
            }
        }
        String card = withCard ? card(random) : null;
        if (card != null) {
            body.put("cardNumber", card);
        }
        Answer answer = send(kind, request("/api/orders", customerId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.exchange() != null) {
            return answer.exchange();
        }
        if (answer.status() == 201) {
            JsonNode order = answer.json();
            long id = order.path("id").asLong(0);
            String total = order.path("total").asText("");
            if (id <= 0 || total.isEmpty()) {
                return Exchange.failed(kind, FailureKind.UNEXPECTED_RESPONSE, 201, null);
            }
            OrderRef ref = new OrderRef(id, customerId);
            recentOrders.add(ref);
            if (!withCard) {
                awaitingPayment.addLast(ref);
                return Exchange.ok(kind, 201);
            }
            JsonNode payment = order.path("payment");
            long paymentId = payment.path("id").asLong(0);
            if (paymentId <= 0 || !"AUTHORIZED".equals(payment.path("status").asText())) {
                return Exchange.failed(kind, FailureKind.UNEXPECTED_RESPONSE, 201, null);
            }
            PaymentRef paid = new PaymentRef(paymentId, customerId, new BigDecimal(total));
            authorized.addLast(paid);
            recentPayments.add(paid);
            return new Exchange(kind, Result.OK, 201, null, paymentId, false, false);
        }
        if (answer.status() == 402 && card != null && DECLINING_CARDS.contains(card)) {
            return new Exchange(kind, Result.DECLINED, 402, answer.problemType(), null, false, false);
        }
        if (answer.status() == 409 && "/problems/out-of-stock".equals(answer.problemType())) {
            Matcher m = PRODUCT_IN_DETAIL.matcher(answer.json().path("detail").asText(""));
            if (m.find()) {
                soldOut.add(Long.parseLong(m.group(1)));
            }
            return new Exchange(kind, Result.OUT_OF_STOCK, 409, answer.problemType(), null, false, false);
        }
        return unexpected(kind, answer);
    }

    private Exchange pay(OrderRef order, SplittableRandom random) throws InterruptedException {
        String card = card(random);
        ObjectNode body = JSON.createObjectNode().put("orderId", order.id()).put("cardNumber", card);
        Answer answer = send(RequestKind.PAY, request("/api/payments", order.customerId())
                .header("Content-Type", "application/json").header("Idempotency-Key", nextKey("pay"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.exchange() != null) {
            return answer.exchange();
        }
        if (answer.status() == 201) {
            JsonNode payment = answer.json();
            long id = payment.path("id").asLong(0);
            String amount = payment.path("amount").asText("");
            if (id <= 0 || amount.isEmpty() || !"AUTHORIZED".equals(payment.path("status").asText())) {
                return Exchange.failed(RequestKind.PAY, FailureKind.UNEXPECTED_RESPONSE, 201, null);
            }
            PaymentRef ref = new PaymentRef(id, order.customerId(), new BigDecimal(amount));
            authorized.addLast(ref);
            recentPayments.add(ref);
            return new Exchange(RequestKind.PAY, Result.OK, 201, null, id, false, false);
        }
        if (answer.status() == 402 && DECLINING_CARDS.contains(card)) {
            awaitingPayment.addLast(order); // the shopper tries again later, maybe with another card
            return new Exchange(RequestKind.PAY, Result.DECLINED, 402, answer.problemType(), null, false, false);
        }
        return unexpected(RequestKind.PAY, answer);
    }

    private Exchange capture(PaymentRef payment) throws InterruptedException {
        Answer answer = send(RequestKind.CAPTURE, request("/api/payments/" + payment.id() + "/capture", payment.customerId())
                .header("Idempotency-Key", nextKey("capture")).POST(HttpRequest.BodyPublishers.noBody()));
        if (answer.exchange() != null) {
            return answer.exchange();
        }
        if (answer.status() == 200) {
            String capturedAmount = answer.json().path("capturedAmount").asText("");
            if (!"CAPTURED".equals(answer.json().path("status").asText()) || capturedAmount.isEmpty()) {
                return Exchange.failed(RequestKind.CAPTURE, FailureKind.UNEXPECTED_RESPONSE, 200, null);
            }
            captured.addLast(new PaymentRef(payment.id(), payment.customerId(), new BigDecimal(capturedAmount)));
            return new Exchange(RequestKind.CAPTURE, Result.OK, 200, null, null, true, false);
        }
        return unexpected(RequestKind.CAPTURE, answer);
    }

    private Exchange refund(PaymentRef payment, SplittableRandom random) throws InterruptedException {
        BigDecimal half = payment.amount().divide(BigDecimal.TWO, 2, RoundingMode.DOWN);
        BigDecimal amount = random.nextBoolean() || half.signum() == 0 ? payment.amount() : half;
        ObjectNode body = JSON.createObjectNode().put("amount", amount.toPlainString());
        Answer answer = send(RequestKind.REFUND, request("/api/payments/" + payment.id() + "/refund", payment.customerId())
                .header("Content-Type", "application/json").header("Idempotency-Key", nextKey("refund"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.exchange() != null) {
            return answer.exchange();
        }
        if (answer.status() == 200) {
            BigDecimal left = payment.amount().subtract(amount);
            if (left.signum() > 0) {
                captured.addLast(new PaymentRef(payment.id(), payment.customerId(), left));
            }
            return new Exchange(RequestKind.REFUND, Result.OK, 200, null, null, false, true);
        }
        return unexpected(RequestKind.REFUND, answer);
    }

    private static Exchange unexpected(RequestKind kind, Answer answer) {
        FailureKind failure = answer.status() >= 500 ? FailureKind.HTTP_5XX
                : answer.status() >= 400 ? FailureKind.UNEXPECTED_4XX : FailureKind.UNEXPECTED_RESPONSE;
        return Exchange.failed(kind, failure, answer.status(), answer.problemType());
    }

    /** An answer, or (in {@code exchange}) the failure that stood in for one. */
    private record Answer(int status, JsonNode json, @Nullable String problemType, @Nullable Exchange exchange) {
    }

    private Answer send(RequestKind kind, HttpRequest.Builder request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new Answer(0, JSON.nullNode(), null, Exchange.noAnswer(kind, FailureKind.CONNECTION, e));
        } catch (HttpTimeoutException e) {
            return new Answer(0, JSON.nullNode(), null, Exchange.noAnswer(kind, FailureKind.TIMEOUT, e));
        } catch (IOException e) {
            return new Answer(0, JSON.nullNode(), null, Exchange.noAnswer(kind, FailureKind.CONNECTION, e));
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.nullNode();
        }
        String type = response.statusCode() >= 400 && json.has("type") ? json.path("type").asText() : null;
        if (response.statusCode() / 100 == 2 && !json.isObject()) {
            return new Answer(response.statusCode(), json, null,
                    Exchange.failed(kind, FailureKind.UNEXPECTED_RESPONSE, response.statusCode(), null));
        }
        return new Answer(response.statusCode(), json, type, null);
    }

    private HttpRequest.Builder request(String path, long customerId) {
        // X-Customer-Id keeps a shopper on one side of a canary split, as the proxy's stickiness intends
        return HttpRequest.newBuilder(target.resolve(path)).timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Customer-Id", Long.toString(customerId))
                .header("X-Correlation-Id", nextKey("req"));
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.resolve(path)).timeout(timeout)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static void addIds(JsonNode page, List<Long> into) {
        for (JsonNode item : page.path("items")) {
            long id = item.path("id").asLong(0);
            if (id > 0 && item.path("stock").asInt(Integer.MAX_VALUE) > 0) {
                into.add(id);
            }
        }
    }

    /** Keys carry no long digit run: a number of 13+ digits could pass for a card number in a PCI scan. */
    private String nextKey(String what) {
        return "traffic-" + runId + "-" + what + "-" + Long.toString(keys.incrementAndGet(), 36);
    }

    private String card(SplittableRandom random) {
        List<String> cards = random.nextDouble() < declineShare ? DECLINING_CARDS : APPROVING_CARDS;
        return cards.get(random.nextInt(cards.size()));
    }

    private long pickInStock(SplittableRandom random) {
        for (int attempt = 0; attempt < 8; attempt++) {
            long id = pick(products, random);
            if (!soldOut.contains(id)) {
                return id;
            }
        }
        return pick(products, random);
    }

    private long anyCustomer(SplittableRandom random) {
        return pick(customers, random);
    }

    private static long pick(List<Long> ids, SplittableRandom random) {
        return ids.get(random.nextInt(ids.size()));
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return root == e ? what : what + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    /** The last N things created, to look at again; lock-free, overwritten in a ring. */
    static final class Recent<T> {
        private final AtomicReferenceArray<T> ring;
        private final AtomicLong added = new AtomicLong();

        Recent(int size) {
            ring = new AtomicReferenceArray<>(size);
        }

        void add(T item) {
            ring.set((int) (added.getAndIncrement() % ring.length()), item);
        }

        @Nullable T pick(SplittableRandom random) {
            long n = Math.min(added.get(), ring.length());
            return n == 0 ? null : ring.get(random.nextInt((int) n));
        }
    }
}
