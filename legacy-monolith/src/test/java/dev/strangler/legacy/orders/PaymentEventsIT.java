package dev.strangler.legacy.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.legacy.Api;
import dev.strangler.legacy.Fixtures;
import dev.strangler.registry.AvroSerializer;
import dev.strangler.registry.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Orders follow the payment service's events: once payments live in the service, an order becomes PAID because the
 * service says a payment holds its money, not because the shop's own payment code ran. Real Kafka and registry;
 * events are written as the CDC bridge writes them (Avro, keyed by payment id, one partition here so that a later
 * event proves an earlier one was read).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "shop.payment-events.enabled=true",
    "shop.payment-events.topic=" + PaymentEventsIT.TOPIC,
    "shop.payment-events.group-id=payment-events-it",
    "shop.payment-events.retry-backoff=200ms"
})
class PaymentEventsIT {

    static final String TOPIC = "payment-events-it";
    private static final AtomicLong PAYMENT_IDS = new AtomicLong(1_000_500_000L);
    private static KafkaProducer<String, PaymentChange> producer;

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    private Api api;
    private Fixtures fixtures;

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestLab.freshDatabase(TestLab.legacyPostgres(), "events"));
        registry.add("shop.psp.base-url", () -> TestLab.psp().baseUrl());
        registry.add("strangler.kafka.bootstrap-servers", () -> TestLab.kafka().bootstrapServers());
        registry.add("strangler.schema-registry.url", () -> TestLab.schemaRegistry().url());
    }

    @BeforeAll
    static void topicAndProducer() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestLab.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestLab.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(TestLab.schemaRegistry().url()), true));
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @BeforeEach
    void helpers() {
        api = new Api(port);
        fixtures = new Fixtures(db, api);
    }

    @Test
    void anOrderPaidInTheServiceBecomesPaidInTheShop() {
        long order = fixtures.unpaidOrder("12.50");
        assertThat(status(order)).isEqualTo("AWAITING_PAYMENT");

        publish(order, "AUTHORIZED");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(order).equals("PAID"));
    }

    @Test
    void theSameEventTwiceAndLaterOnesChangeNothingMore() {
        long order = fixtures.unpaidOrder("8.00");
        long payment = publish(order, "AUTHORIZED");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(order).equals("PAID"));
        Object updatedAt = updatedAt(order);

        publish(payment, order, "AUTHORIZED");
        publish(payment, order, "CAPTURED");
        publish(payment, order, "REFUNDED");
        long marker = fixtures.unpaidOrder("1.00");
        publish(marker, "AUTHORIZED");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(marker).equals("PAID"));

        assertThat(status(order)).isEqualTo("PAID");
        assertThat(updatedAt(order)).isEqualTo(updatedAt);
    }

    @Test
    void paymentsThatHoldNoMoneyLeaveTheOrderAwaitingPayment() {
        long declined = fixtures.unpaidOrder("3.00");
        long pending = fixtures.unpaidOrder("4.00");
        long cancelled = fixtures.unpaidOrder("5.00");
        assertThat(api.post("/api/orders/" + cancelled + "/cancel", null).status()).isEqualTo(200);

        publish(declined, "DECLINED");
        publish(pending, "PENDING");
        publish(cancelled, "AUTHORIZED");
        publish(99_999_999L, "AUTHORIZED"); // an order the shop does not have: nothing to move, the stream goes on
        long marker = fixtures.unpaidOrder("1.00");
        publish(marker, "AUTHORIZED");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(marker).equals("PAID"));

        assertThat(status(declined)).isEqualTo("AWAITING_PAYMENT");
        assertThat(status(pending)).isEqualTo("AWAITING_PAYMENT");
        assertThat(status(cancelled)).isEqualTo("CANCELLED");
    }

    private String status(long order) {
        return api.get("/api/orders/" + order).text("status");
    }

    private Object updatedAt(long order) {
        return db.fetchValue("select updated_at from orders where id = ?", order);
    }

    private long publish(long order, String status) {
        long payment = PAYMENT_IDS.incrementAndGet();
        publish(payment, order, status);
        return payment;
    }

    private void publish(long payment, long order, String status) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PaymentChange change = PaymentChange.newBuilder()
                .setEventId("service:outbox:" + payment + ":" + status)
                .setOrigin(ChangeOrigin.SERVICE).setOp(ChangeOp.UPSERT)
                .setPaymentId(payment).setOrderId(order).setStatus(status)
                .setCurrency("EUR").setAmountMinor(100L).setCapturedMinor(0L).setRefundedMinor(0L)
                .setCardLast4("4242").setCardBrand("VISA").setVersion(0)
                .setCreatedAt(now).setUpdatedAt(now)
                .setSourceLsn(0L).setSourceTsMicros(ChronoUnit.MICROS.between(Instant.EPOCH, now))
                .build();
        try {
            producer.send(new ProducerRecord<>(TOPIC, Long.toString(payment), change)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
