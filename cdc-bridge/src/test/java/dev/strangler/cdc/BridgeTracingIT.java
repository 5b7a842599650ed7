package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.Span.Kind;
import brave.handler.MutableSpan;
import dev.strangler.cdc.publish.ChangeHeaders;
import dev.strangler.cdc.tracing.ChangeTracing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One trace per change through the bridge: capture (a child of the span that wrote the outbox row, or a new trace
 * for a monolith row) -> publish (its context in the record's traceparent) -> consume -> apply, as the spans the
 * bridge's Brave tracer finished (collected in its Spring context) and the headers of the records on Kafka show.
 */
class BridgeTracingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ShopApps apps;
    private static BridgeInstance bridge;
    private static Db legacy;
    private static Db service;
    private static long lastBackfilledId;

    @BeforeAll
    static void start() {
        apps = ShopApps.shared();
        legacy = new Db(apps.legacyDatabase);
        service = new Db(apps.serviceDatabase);
        bridge = new BridgeInstance("tracingit", legacy, service, apps.paymentService.baseUrl())
                .with(CollectedSpans.class).start();
        bridge.awaitBackfill();
        // a span handler is a destination: without one the bridge would make no spans (BridgeIT)
        assertThat(bridge.bean(ChangeTracing.class).recordsSpans()).isTrue();
        lastBackfilledId = (Long) legacy.row("select coalesce(max(id), 0) as id from payments").get("id");
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void continuesTheTraceOfTheSpanThatWroteTheOutboxRowDownToTheMonolithsRow() {
        long paymentId = paymentInService();
        await().atMost(WAIT).until(() -> "AUTH".equals(bridge.legacyPayment(paymentId).get("status")));

        // a later change of that payment, written by a traced operation: its trace and span ids in the outbox row
        String trace = hex(32);
        String outboxSpan = hex(16);
        ObjectNode payload = (ObjectNode) JSON.readTree((String) service.row("select payload::text as p from outbox"
                + " where aggregate_id = ? order by id desc limit 1", Long.toString(paymentId)).get("p"));
        payload.put("version", payload.path("version").asLong() + 1);
        payload.put("updatedAt", Instant.parse(payload.path("updatedAt").asString()).plusSeconds(1).toString());
        service.update("insert into outbox (aggregate_type, aggregate_id, event_type, payload, trace_id, span_id,"
                + " created_at) values ('payment', ?, 'PaymentAuthorized', ?::jsonb, ?, ?, now())",
                Long.toString(paymentId), payload.toString(), trace, outboxSpan);

        MutableSpan apply = await().atMost(WAIT).until(() -> span(trace, "apply payments"), Optional::isPresent)
                .orElseThrow();
        MutableSpan capture = span(trace, "capture outbox").orElseThrow();
        MutableSpan publish = span(trace, "publish " + bridge.serviceTopic()).orElseThrow();
        MutableSpan consume = span(trace, "consume " + bridge.serviceTopic()).orElseThrow();
        assertThat(capture.parentId()).isEqualTo(outboxSpan);
        assertThat(capture.tag("row.key")).isEqualTo(Long.toString(paymentId));
        assertThat(publish.parentId()).isEqualTo(capture.id());
        assertThat(publish.kind()).isEqualTo(Kind.PRODUCER);
        assertThat(consume.parentId()).isEqualTo(publish.id());
        assertThat(consume.kind()).isEqualTo(Kind.CONSUMER);
        assertThat(apply.parentId()).isEqualTo(consume.id());
        assertThat(apply.tags()).containsEntry("outcome", "applied").containsEntry("table", "payments")
                .containsEntry("direction", "service-to-legacy").containsEntry("operation", "UPSERT");
        assertThat(consume.tags()).containsEntry("topic", bridge.serviceTopic()).containsKeys("partition", "offset");

        // the record on Kafka carries the publish span's context
        ConsumerRecord<byte[], byte[]> record = Topics.readAll(bridge.serviceTopic()).stream()
                .filter(r -> header(r, ChangeHeaders.TRACEPARENT).contains(trace)).findFirst().orElseThrow();
        assertThat(header(record, ChangeHeaders.TRACEPARENT)).isEqualTo("00-" + trace + "-" + publish.id() + "-01");
        assertThat(consume.tag("offset")).isEqualTo(Long.toString(record.offset()));
        assertThat(publish.tag("offset")).isEqualTo(Long.toString(record.offset()));

        // the payment's first change, from the service's API: in the request's trace, under its writing span if any
        // the service stores its writing span's traceparent (00-<trace id>-<span id>-01), no bare span id
        Map<String, Object> first = service.row("select split_part(trace_id, '-', 2) as trace_id,"
                + " split_part(trace_id, '-', 3) as span_id, span_id as bare_span_id from outbox"
                + " where aggregate_id = ? order by id limit 1", Long.toString(paymentId));
        assertThat(first.get("bare_span_id")).isNull();
        assertThat((String) first.get("trace_id")).matches("[0-9a-f]{32}");
        MutableSpan firstCapture = span((String) first.get("trace_id"), "capture outbox").orElseThrow();
        assertThat(firstCapture.parentId()).isEqualTo(first.get("span_id"));
    }

    @Test
    void recordsNoTraceForTheBackfill() {
        // the seeded rows came through the initial snapshot: applied, but not one span for them
        long checkout = checkoutInMonolith("4242424242424242");
        long paymentId = (Long) legacy.row("select id from payments where order_id = ?", checkout).get("id");
        await().atMost(WAIT).until(() -> appliedLegacyChange(paymentId), Optional::isPresent);

        assertThat(lastBackfilledId).isPositive();
        assertThat(CollectedSpans.SPANS).filteredOn(s -> "legacy-to-service".equals(s.tag("direction")))
                .filteredOn(s -> s.tag("row.key") != null)
                .noneMatch(s -> Long.parseLong(s.tag("row.key")) <= lastBackfilledId)
                .anyMatch(s -> s.tag("row.key").equals(Long.toString(paymentId)));
    }

    @Test
    void startsATraceForEachMonolithChangeAndFollowsItIntoTheService() {
        long orderId = checkoutInMonolith("5555555555554444");
        long paymentId = (Long) legacy.row("select id from payments where order_id = ?", orderId).get("id");

        MutableSpan apply = await().atMost(WAIT).until(() -> appliedLegacyChange(paymentId), Optional::isPresent)
                .orElseThrow();
        String trace = apply.traceId();
        MutableSpan capture = span(trace, "capture payments").orElseThrow();
        MutableSpan publish = span(trace, "publish " + bridge.legacyTopic()).orElseThrow();
        MutableSpan consume = span(trace, "consume " + bridge.legacyTopic()).orElseThrow();
        assertThat(capture.parentId()).as("a root span").isNull();
        assertThat(publish.parentId()).isEqualTo(capture.id());
        assertThat(consume.parentId()).isEqualTo(publish.id());
        assertThat(apply.parentId()).isEqualTo(consume.id());
        assertThat(apply.tags()).containsEntry("direction", "legacy-to-service").containsEntry("outcome", "applied");
        assertThat(Topics.readAll(bridge.legacyTopic())).anySatisfy(r -> assertThat(
                header(r, ChangeHeaders.TRACEPARENT)).isEqualTo("00-" + trace + "-" + publish.id() + "-01"));

        // the monolith's rows hold card numbers: none in any span's name or tags (positive control in BridgeIT)
        StringBuilder text = new StringBuilder();
        for (MutableSpan s : CollectedSpans.SPANS) {
            text.append(s.name()).append(' ').append(s.tags()).append(' ').append(s.remoteServiceName()).append('\n');
        }
        assertThat(text).contains("row.key=" + paymentId);
        assertThat(Pans.in(text.toString())).as("card numbers in spans").isEmpty();
    }

    @Test
    void keepsTheTraceOfARecordThatGoesToTheDeadLetters() {
        String trace = hex(32);
        String parent = hex(16);
        String traceparent = "00-" + trace + "-" + parent + "-01";
        Topics.send(bridge.legacyTopic(), "unreadable", "not avro".getBytes(StandardCharsets.UTF_8),
                Map.of(ChangeHeaders.TRACEPARENT, traceparent));

        MutableSpan consume = await().atMost(WAIT).until(() -> span(trace, "consume " + bridge.legacyTopic()),
                Optional::isPresent).orElseThrow();
        assertThat(consume.parentId()).isEqualTo(parent);
        assertThat(consume.tag("outcome")).isEqualTo("dead-lettered");
        assertThat(Topics.readAll(bridge.deadLetterTopic())).anySatisfy(r -> {
            assertThat(header(r, ChangeHeaders.DLQ_REASON)).startsWith("deserialize:");
            assertThat(header(r, ChangeHeaders.TRACEPARENT)).isEqualTo(traceparent);
        });
    }

    /** The apply span of a monolith change of this payment, when one was applied. */
    private static Optional<MutableSpan> appliedLegacyChange(long paymentId) {
        return CollectedSpans.SPANS.stream()
                .filter(s -> ("capture payments").equals(s.name()) && Long.toString(paymentId)
                        .equals(s.tag("row.key")))
                .map(s -> span(s.traceId(), "apply payments"))
                .flatMap(Optional::stream)
                .filter(s -> "applied".equals(s.tag("outcome")))
                .findFirst();
    }

    private static Optional<MutableSpan> span(String traceId, String name) {
        return CollectedSpans.SPANS.stream().filter(s -> traceId.equals(s.traceId()) && name.equals(s.name()))
                .findFirst();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? ""
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String hex(int digits) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String s = HexFormat.of().toHexDigits(random.nextLong() | 1L) + HexFormat.of().toHexDigits(random.nextLong());
        return s.substring(0, digits);
    }

    /** A payment made through the payment service's API, in a request trace of its own. */
    private static long paymentInService() {
        JsonNode order = post(apps.monolith, "/api/orders", "{\"customerId\":" + customer()
                + ",\"items\":[{\"productId\":" + product() + ",\"quantity\":1}]}");
        long orderId = order.path("id").asLong();
        BigDecimal total = (BigDecimal) legacy.row("select total from orders where id = ?", orderId).get("total");
        JsonNode payment = apps.paymentService.http().post().uri("/api/payments")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", "00-" + hex(32) + "-" + hex(16) + "-01")
                .body("{\"orderId\":" + orderId + ",\"cardNumber\":\"4242424242424242\",\"amount\":\""
                        + total.toPlainString() + "\",\"currency\":\"EUR\"}")
                .retrieve().body(JsonNode.class);
        long paymentId = payment.path("id").asLong();
        assertThat(paymentId).as(payment.toString()).isGreaterThanOrEqualTo(1_000_000_000L);
        return paymentId;
    }

    private static long checkoutInMonolith(String card) {
        JsonNode order = post(apps.monolith, "/api/orders", "{\"customerId\":" + customer()
                + ",\"items\":[{\"productId\":" + product() + ",\"quantity\":1}],\"cardNumber\":\"" + card + "\"}");
        assertThat(order.path("status").asString()).as(order.toString()).isEqualTo("PAID");
        return order.path("id").asLong();
    }

    private static long customer() {
        return (Long) legacy.row("select min(id) as id from customers").get("id");
    }

    private static long product() {
        return (Long) legacy.row("select product_id from inventory order by stock desc limit 1").get("product_id");
    }

    private static JsonNode post(ChildApp app, String path, String json) {
        String body = app.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .body(String.class);
        return JSON.readTree(body == null ? "{}" : body);
    }
}
