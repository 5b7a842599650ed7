package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.DECLINED;
import static dev.strangler.payments.Cards.MASTERCARD;
import static dev.strangler.payments.Cards.authorize;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdempotencyIT extends ServiceTest {

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    private static long authorizationsFor(long orderId) {
        return psp().authorizationRequests().stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains("\"order-" + orderId + "\""))
                .count();
    }

    @Test
    void retryWithTheSameKeyReturnsTheStoredAnswerAndChargesOnce() {
        long order = monolith().newOrder();
        String key = UUID.randomUUID().toString();

        Api.Reply first = api.post("/api/payments", authorize(order, APPROVED), key(key));
        Api.Reply retry = api.post("/api/payments", authorize(order, APPROVED), key(key));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(authorizationsFor(order)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIs422() {
        long order = monolith().newOrder();
        String key = UUID.randomUUID().toString();
        api.post("/api/payments", authorize(order, APPROVED), key(key));
        String before = tableCounts();

        Api.Reply reply = api.post("/api/payments", authorize(order, MASTERCARD), key(key));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.text("type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void aDeclineIsReplayedWithoutAskingTheGatewayAgain() {
        long order = monolith().newOrder();
        String key = UUID.randomUUID().toString();

        Api.Reply first = api.post("/api/payments", authorize(order, DECLINED), key(key));
        Api.Reply retry = api.post("/api/payments", authorize(order, DECLINED), key(key));

        assertThat(first.status()).isEqualTo(402);
        assertThat(retry.status()).isEqualTo(402);
        assertThat(retry.contentType()).startsWith("application/problem+json");
        assertThat(retry.text("type")).isEqualTo("/problems/card-declined");
        assertThat(authorizationsFor(order)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentDuplicatesChargeExactlyOnce() throws Exception {
        long order = monolith().newOrder();
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Api.Reply> replies;
        try {
            List<Future<Api.Reply>> futures = IntStream.range(0, 20)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return api.post("/api/payments", authorize(order, APPROVED), key(key));
                    })).toList();
            start.countDown();
            replies = futures.stream().map(IdempotencyIT::get).toList();
        } finally {
            pool.shutdownNow();
        }

        // the first does the work; the others wait for its answer (409 only past payments.idempotency.wait-for)
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
        assertThat(replies.stream().filter(r -> r.status() == 201).map(Api.Reply::id).distinct()).hasSize(1);
        assertThat(authorizationsFor(order)).isEqualTo(1);
        assertThat(db.fetchCount(db.selectFrom("payments").where("order_id = " + order))).isEqualTo(1);
    }

    @Test
    void concurrentAuthorizationsOfOneOrderWithoutKeysChargeOnce() throws Exception {
        long order = monolith().newOrder();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Api.Reply> replies;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return api.post("/api/payments", authorize(order, APPROVED));
                    })).toList();
            start.countDown();
            replies = futures.stream().map(IdempotencyIT::get).toList();
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(replies.stream().filter(r -> r.status() == 409)).hasSize(7);
        assertThat(authorizationsFor(order)).isEqualTo(1);
    }

    @Test
    void captureRetriedWithTheSameKeyCapturesOnce() {
        long payment = api.post("/api/payments", authorize(monolith().newOrder(), APPROVED)).id();
        String key = UUID.randomUUID().toString();

        Api.Reply first = api.post("/api/payments/" + payment + "/capture", "{\"amount\":\"1.00\"}", key(key));
        Api.Reply retry = api.post("/api/payments/" + payment + "/capture", "{\"amount\":\"1.00\"}", key(key));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(psp().server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/authorizations/"
                        + first.text("pspReference") + "/capture")))).hasSize(1);
    }

    @Test
    void anExpiredKeyIsANewRequest() {
        long order = monolith().newOrder();
        String key = UUID.randomUUID().toString();
        api.post("/api/payments", authorize(order, DECLINED), key(key));
        db.execute("update idempotency_keys set expires_at = now() - interval '1 second' where idem_key = ?", key);

        Api.Reply reply = api.post("/api/payments", authorize(order, APPROVED), key(key));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static Api.Reply get(Future<Api.Reply> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
