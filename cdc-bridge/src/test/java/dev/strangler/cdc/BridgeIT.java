package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.cdc.publish.ChangeHeaders;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.registry.AvroSerializer;
import dev.strangler.registry.SchemaRegistryClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bridge between the real monolith and the real payment service: backfill, both directions, loop prevention,
 * duplicates, dead letters, and card numbers kept out of the new database, Kafka and the bridge's log.
 */
class BridgeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ShopApps apps;
    private static BridgeInstance bridge;
    private static Db legacy;
    private static Db service;
    private static Path bridgeLog;

    @BeforeAll
    static void start() {
        apps = ShopApps.shared();
        legacy = new Db(apps.legacyDatabase);
        service = new Db(apps.serviceDatabase);
        bridgeLog = Path.of("target", "test-bridge", "bridge-it.log").toAbsolutePath();
        try {
            // an earlier run's log would answer for this one
            java.nio.file.Files.deleteIfExists(bridgeLog);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        bridge = new BridgeInstance("bridgeit", legacy, service, apps.paymentService.baseUrl(),
                "logging.file.name=" + bridgeLog).start();
        bridge.awaitBackfill();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
            // the whole run, the shutdown included, has nothing an operator must look at (Kafka consumers closed on
            // an interrupted thread once logged "Failed to close fetcher" as an ERROR on every stop)
            assertThat(Files.readAllLines(bridgeLog)).as("ERROR lines in " + bridgeLog)
                    .noneMatch(line -> line.contains(" ERROR "));
        }
    }

    @Test
    void backfillsEveryLegacyPaymentWithATokenInsteadOfTheCardNumber() {
        // the monolith's own payments: the rows the bridge wrote there (payments made in the service, by this or
        // another test class sharing the databases) have no legacy id in the service
        List<Map<String, Object>> legacyRows = legacy.rows("select * from payments"
                + " where cdc_origin is distinct from 'cdc-bridge' order by id");
        assertThat(legacyRows).hasSizeGreaterThan(10);
        for (Map<String, Object> l : legacyRows) {
            Map<String, Object> s = bridge.servicePayment((Long) l.get("id"));
            assertThat(s).as("payment %s in the service", l.get("id")).isNotEmpty();
            assertThat(s.get("legacy_id")).isEqualTo(l.get("id"));
            assertThat(s.get("amount_minor")).isEqualTo(((BigDecimal) l.get("amount")).movePointRight(2)
                    .longValueExact());
            assertThat((String) s.get("card_token")).isNotBlank().doesNotContain((String) l.get("card_number"));
            String card = (String) l.get("card_number");
            assertThat(s.get("card_last4")).isEqualTo(card.substring(card.length() - 4));
            assertThat(s.get("card_brand")).isIn("VISA", "MASTERCARD", "AMEX", "DISCOVER", "OTHER");
        }
        JsonNode report = bridge.reconcile("10s");
        assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
        assertThat(report.path("legacyRows").asLong()).isEqualTo(legacy.count("select count(*) from payments"));

        // the positive control: the monolith's table holds card numbers, and the scan finds them
        assertThat(Pans.in(String.join("\n", legacy.allText()))).isNotEmpty();
        assertThat(Pans.in(String.join("\n", service.allText()))).as("card numbers in the new database").isEmpty();
    }

    @Test
    void followsPaymentsChangedInTheMonolith() {
        long orderId = checkoutInMonolith("5555555555554444");
        long paymentId = (Long) legacy.row("select id from payments where order_id = ?", orderId).get("id");
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(bridge.servicePayment(paymentId).get("status")));
        assertThat(bridge.servicePayment(paymentId).get("card_last4")).isEqualTo("4444");

        assertThat(post(apps.monolith, "/api/payments/" + paymentId + "/capture", null).path("status").asString())
                .isEqualTo("CAPTURED");
        await().atMost(WAIT).until(() -> "CAPTURED".equals(bridge.servicePayment(paymentId).get("status")));

        post(apps.monolith, "/api/payments/" + paymentId + "/refund", "{\"amount\":\"5.00\"}");
        await().atMost(WAIT).until(() -> "PARTIALLY_REFUNDED".equals(bridge.servicePayment(paymentId).get("status")));
        assertThat(bridge.servicePayment(paymentId).get("refunded_minor")).isEqualTo(500L);

        legacy.update("delete from payment_events where payment_id = ?", paymentId);
        legacy.update("delete from payments where id = ?", paymentId);
        await().atMost(WAIT).until(() -> bridge.servicePayment(paymentId).isEmpty());
    }

    @Test
    void appliesServicePaymentsToTheMonolithWithAMaskedCardAndNeverSendsThemBack() {
        long orderId = orderInMonolith();
        BigDecimal total = (BigDecimal) legacy.row("select total from orders where id = ?", orderId).get("total");
        long skippedBefore = bridge.direction(bridge.status(), "legacy-to-service").path("capture")
                .path("skippedOwnWrites").asLong();

        JsonNode payment = apps.paymentService.http().post().uri("/api/payments")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"orderId\":" + orderId + ",\"cardNumber\":\"4242424242424242\",\"amount\":\""
                        + total.toPlainString() + "\",\"currency\":\"EUR\"}")
                .retrieve().body(JsonNode.class);
        long paymentId = payment.path("id").asLong();
        assertThat(paymentId).as(payment.toString()).isGreaterThanOrEqualTo(1_000_000_000L);

        await().atMost(WAIT).until(() -> "AUTH".equals(bridge.legacyPayment(paymentId).get("status")));
        Map<String, Object> row = bridge.legacyPayment(paymentId);
        assertThat(row.get("card_number")).isEqualTo("************4242");
        assertThat(row.get("cdc_origin")).isEqualTo("cdc-bridge");
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo(total);

        apps.paymentService.http().post().uri("/api/payments/" + paymentId + "/capture").retrieve().toBodilessEntity();
        await().atMost(WAIT).until(() -> "CAPT".equals(bridge.legacyPayment(paymentId).get("status")));

        // the legacy capture saw both writes of the bridge and skipped them: nothing went back
        await().atMost(WAIT).until(() -> bridge.direction(bridge.status(), "legacy-to-service")
                .path("capture").path("skippedOwnWrites").asLong() >= skippedBefore + 2);
        assertThat(Topics.readAll(bridge.legacyTopic()))
                .noneMatch(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8)
                        .equals(Long.toString(paymentId)));

        // the service request's trace goes on in the Kafka headers, from the outbox to the apply
        // the service stores its writing span's traceparent (00-<trace id>-<span id>-01)
        String traceId = (String) service.row("select split_part(trace_id, '-', 2) as trace_id from outbox"
                + " where aggregate_id = ? order by id desc limit 1", Long.toString(paymentId)).get("trace_id");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(Topics.readAll(bridge.serviceTopic())).filteredOn(r -> r.key() != null
                        && new String(r.key(), StandardCharsets.UTF_8).equals(Long.toString(paymentId)))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(header(r, ChangeHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
                    assertThat(header(r, ChangeHeaders.CORRELATION_ID)).isNotBlank();
                })
                .anySatisfy(r -> assertThat(header(r, ChangeHeaders.TRACEPARENT)).contains(traceId));
        JsonNode report = bridge.reconcile("10s");
        assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
    }

    /**
     * Writes to tables that neither capture reads (the monolith's orders, the applier's own payments on the service
     * side) must not pile up in the replication slots: both slots confirm past them while their captured tables stay
     * quiet. Without that the service's slot held every byte the forward applier wrote until PostgreSQL dropped it at
     * max_slot_wal_keep_size, and the reverse direction with it.
     */
    @Test
    void confirmsTheWalOfTablesItDoesNotCaptureSoNoSlotHoldsIt() {
        try {
            for (Db db : List.of(legacy, service)) {
                db.update("create table if not exists bridgeit_uncaptured (id bigserial primary key, note text)");
                db.update("insert into bridgeit_uncaptured (note) select 'not captured ' || i"
                        + " from generate_series(1, 5000) i");
            }
            assertSlotConfirmsPast(legacy, bridge.legacySlot());
            assertSlotConfirmsPast(service, bridge.serviceSlot());
        } finally {
            legacy.update("drop table if exists bridgeit_uncaptured");
            service.update("drop table if exists bridgeit_uncaptured");
        }
    }

    private static void assertSlotConfirmsPast(Db db, String slot) {
        String written = (String) db.row("select pg_current_wal_lsn()::text as lsn").get("lsn");
        await().atMost(WAIT).untilAsserted(() -> assertThat(db.count("select count(*) from pg_replication_slots"
                + " where slot_name = ? and confirmed_flush_lsn >= ?::pg_lsn", slot, written))
                .as("slot %s confirmed past %s", slot, written).isEqualTo(1));
    }

    @Test
    void makesNoSpansWhenNothingWouldReceiveThem() {
        // this bridge has no exporter and no span handler (BridgeTracingIT adds a collector): the records carry the
        // trace context all the same (appliesServicePaymentsToTheMonolith...), but no span is built for them
        assertThat(bridge.bean(ChangeTracing.class).recordsSpans()).isFalse();
    }

    @Test
    void skipsDuplicateAndOlderChangesAndAppliesEachChangeOnce() {
        long paymentId = (Long) legacy.row("select min(id) as id from payments where status = 'CAPT'").get("id");
        Map<String, Object> applied = service.row("select position, apply_count from strangler_cdc.applied"
                + " where topic = ? and row_key = ?", bridge.legacyTopic(), paymentId);
        long position = (Long) applied.get("position");
        long staleBefore = stale();

        PaymentChange duplicate = change(paymentId, position, "VOIDED");
        PaymentChange older = change(paymentId, position - 1, "DECLINED");
        sendChange(duplicate);
        sendChange(older);

        await().atMost(WAIT).until(() -> stale() >= staleBefore + 2);
        assertThat(bridge.servicePayment(paymentId).get("status")).isEqualTo("CAPTURED");
        assertThat(service.row("select apply_count from strangler_cdc.applied where topic = ? and row_key = ?",
                bridge.legacyTopic(), paymentId).get("apply_count")).isEqualTo(applied.get("apply_count"));
    }

    @Test
    void sendsWhatCannotBeAppliedToTheDeadLettersAndGoesOn() {
        long dlqBefore = bridge.status().path("deadLetters").path("count").asLong();
        Topics.send(bridge.legacyTopic(), "garbage", "not avro at all".getBytes(StandardCharsets.UTF_8));
        PaymentChange negative = PaymentChange.newBuilder(change(999_999_001L, Long.MAX_VALUE - 1, "AUTHORIZED"))
                .setAmountMinor(-5L).build();
        byte[] sent = sendChange(negative);

        long orderId = checkoutInMonolith("4242424242424242");
        long paymentId = (Long) legacy.row("select id from payments where order_id = ?", orderId).get("id");
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(bridge.servicePayment(paymentId).get("status")));
        await().atMost(WAIT).until(() -> bridge.status().path("deadLetters").path("count").asLong()
                >= dlqBefore + 2);

        List<ConsumerRecord<byte[], byte[]>> dead = Topics.readAll(bridge.deadLetterTopic());
        assertThat(dead).anySatisfy(r -> assertThat(header(r, ChangeHeaders.DLQ_REASON)).startsWith("deserialize:"));
        assertThat(dead).anySatisfy(r -> {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("999999001");
            assertThat(header(r, ChangeHeaders.DLQ_REASON)).startsWith("apply:").contains("23514");
            assertThat(header(r, ChangeHeaders.DLQ_TOPIC)).isEqualTo(bridge.legacyTopic());
            // the record as it came, in the registry's wire format: produced back to its topic (the replay the
            // README describes), it is read again
            assertThat(r.value()).isEqualTo(sent);
        });
        assertThat(bridge.servicePayment(999_999_001L)).isEmpty();
    }

    @Test
    void keepsCardNumbersOutOfKafkaAndTheLog() throws Exception {
        checkoutInMonolith("5555555555554444");
        await().atMost(WAIT).until(() -> bridge.direction(bridge.status(), "legacy-to-service").path("apply")
                .path("lagMs").asLong() == 0);
        int records = 0;
        for (String topic : List.of(bridge.legacyTopic(), bridge.serviceTopic(), bridge.deadLetterTopic())) {
            for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(topic)) {
                records++;
                assertThat(Pans.in(Topics.text(r))).as("card numbers in %s@%d", topic, r.offset()).isEmpty();
            }
        }
        assertThat(records).isGreaterThan(ShopApps.SEEDED_ORDERS / 2);

        // the positive control: the same scan finds a card number in a record that holds one
        String control = "test.bridgeit.control." + UUID.randomUUID();
        Topics.send(control, "k", "{\"card_number\":\"4242424242424242\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(Topics.readAll(control)).anySatisfy(r -> assertThat(Pans.in(Topics.text(r))).isNotEmpty());

        String log = Files.readString(bridgeLog);
        assertThat(log).contains("Capture " + bridge.pair() + ".legacy-to-service started");
        assertThat(Pans.in(log)).as("card numbers in the bridge's log").isEmpty();
    }

    @Test
    void registersTheChangeSchemaUnderBackwardCompatibility() {
        SchemaRegistryClient registry = new SchemaRegistryClient(TestLab.schemaRegistry().url());
        String subject = bridge.legacyTopic() + "-value";
        org.apache.avro.Schema current = PaymentChange.getClassSchema();
        assertThat(registry.lookup(subject, current)).isPositive();

        org.apache.avro.Schema withDefault = evolve(current, "\"type\":[\"null\",\"string\"],\"default\":null");
        org.apache.avro.Schema withoutDefault = evolve(current, "\"type\":\"string\"");
        assertThat(registry.isCompatible(subject, withDefault)).isTrue();
        assertThat(registry.isCompatible(subject, withoutDefault)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.register(subject, withoutDefault))
                .isInstanceOfSatisfying(dev.strangler.registry.SchemaRegistryException.class,
                        e -> assertThat(e.status()).isEqualTo(409));
    }

    private static org.apache.avro.Schema evolve(org.apache.avro.Schema schema, String fieldType) {
        String json = schema.toString();
        String field = "{\"name\":\"merchantReference\"," + fieldType + "}";
        return new org.apache.avro.Schema.Parser().parse(json.substring(0, json.lastIndexOf(']')) + "," + field
                + json.substring(json.lastIndexOf(']')));
    }

    private static long stale() {
        return bridge.direction(bridge.status(), "legacy-to-service").path("apply").path("skippedStale")
                .asLong();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? ""
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static PaymentChange change(long paymentId, long lsn, String status) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return PaymentChange.newBuilder().setEventId("test:" + UUID.randomUUID()).setOrigin(ChangeOrigin.LEGACY)
                .setOp(ChangeOp.UPSERT).setPaymentId(paymentId).setOrderId(1L).setLegacyId(paymentId)
                .setStatus(status).setCurrency("EUR").setAmountMinor(1000L).setCapturedMinor(0L)
                .setRefundedMinor(0L).setCardToken("tok_test").setCardLast4("4242").setCardBrand("VISA")
                .setCreatedAt(now).setUpdatedAt(now).setSourceLsn(lsn).setSourceTsMicros(now.toEpochMilli() * 1000)
                .build();
    }

    private static byte[] sendChange(PaymentChange change) {
        byte[] bytes = new AvroSerializer<PaymentChange>(new SchemaRegistryClient(TestLab.schemaRegistry().url()), true)
                .serialize(bridge.legacyTopic(), change);
        Topics.send(bridge.legacyTopic(), Long.toString(change.getPaymentId()), bytes);
        return bytes;
    }

    /** An order paid in the monolith (checkout with a card): its payment is created there. */
    private static long checkoutInMonolith(String card) {
        JsonNode order = post(apps.monolith, "/api/orders", "{\"customerId\":" + customer() + ",\"items\":[{\"productId\":"
                + product() + ",\"quantity\":1}],\"cardNumber\":\"" + card + "\"}");
        assertThat(order.path("status").asString()).as(order.toString()).isEqualTo("PAID");
        return order.path("id").asLong();
    }

    /** An order awaiting payment in the monolith. */
    private static long orderInMonolith() {
        JsonNode order = post(apps.monolith, "/api/orders", "{\"customerId\":" + customer() + ",\"items\":[{\"productId\":"
                + product() + ",\"quantity\":1}]}");
        return order.path("id").asLong();
    }

    private static long customer() {
        return (Long) legacy.row("select min(id) as id from customers").get("id");
    }

    private static long product() {
        return (Long) legacy.row("select product_id from inventory order by stock desc limit 1")
                .get("product_id");
    }

    private static JsonNode post(ChildApp app, String path, String json) {
        RestClient.RequestBodySpec request = app.http().post().uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        String body = request.retrieve().body(String.class);
        return JSON.readTree(body == null ? "{}" : body);
    }
}
