package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.junit.LabExtension;
import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.registry.SchemaRegistry;
import dev.strangler.registry.test.Greeting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Round trips through the real broker and the real registry, configured the way Kafka clients configure serdes. */
@ExtendWith(LabExtension.class)
class AvroSerdeIT {

    @Test
    void roundTripsAGeneratedRecordInTheConfluentWireFormat(KafkaBroker kafka, SchemaRegistry registry) {
        String topic = "greetings-" + UUID.randomUUID();
        Greeting sent = Greeting.newBuilder().setId(42).setText("hello").setAmountMinor(1250L).build();
        produce(kafka, registry, topic, sent);

        List<byte[]> raw = consume(kafka, topic, ByteArrayDeserializer.class, Map.of());
        int id = new SchemaRegistryClient(registry.url()).lookup(SerdeConfig.subject(topic, false), Greeting.getClassSchema());
        assertThat(raw.getFirst()[0]).isEqualTo(WireFormat.MAGIC);
        assertThat(WireFormat.schemaId(raw.getFirst())).isEqualTo(id);

        List<Object> read = consume(kafka, topic, AvroDeserializer.class, Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                SerdeConfig.SPECIFIC_VALUE_TYPE, Greeting.class.getName()));
        assertThat(read).containsExactly(sent);
    }

    @Test
    void readsANewerWriterVersionIntoTheOlderGeneratedClass(KafkaBroker kafka, SchemaRegistry registry) {
        String topic = "greetings-" + UUID.randomUUID();
        produce(kafka, registry, topic, Greeting.newBuilder().setId(1).setText("v1").build());
        Schema v2 = SchemaBuilder.record("Greeting").namespace("dev.strangler.registry.test").fields()
                .requiredLong("id").requiredString("text")
                .name("amountMinor").type().unionOf().nullType().and().longType().endUnion().nullDefault()
                .name("language").type().stringType().stringDefault("en")
                .endRecord();
        GenericRecord newer = new GenericData.Record(v2);
        newer.put("id", 2L);
        newer.put("text", "v2");
        newer.put("language", "fr");
        produce(kafka, registry, topic, newer);

        List<Object> read = consume(kafka, topic, AvroDeserializer.class, Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                SerdeConfig.SPECIFIC_VALUE_TYPE, Greeting.class.getName()));
        assertThat(read).extracting(r -> ((Greeting) r).getText()).containsExactly("v1", "v2");

        List<Object> generic = consume(kafka, topic, AvroDeserializer.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
        assertThat(((GenericRecord) generic.get(1)).get("language").toString()).isEqualTo("fr");
    }

    @Test
    void keepsTombstonesAndRefusesForeignBytes(SchemaRegistry registry) {
        AvroSerializer<Greeting> serializer = new AvroSerializer<>(new SchemaRegistryClient(registry.url()), true);
        AvroDeserializer<Greeting> deserializer = new AvroDeserializer<>(new SchemaRegistryClient(registry.url()), Greeting.class);
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
        assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void withoutAutoRegistrationAnUnknownSchemaIsRefused(SchemaRegistry registry) {
        AvroSerializer<Greeting> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        assertThatThrownBy(() -> serializer.serialize("unregistered-" + UUID.randomUUID(),
                Greeting.newBuilder().setId(1).setText("x").build()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("refused for subject");
    }

    private static void produce(KafkaBroker kafka, SchemaRegistry registry, String topic, Object value) {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
                SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()))) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> List<V> consume(KafkaBroker kafka, String topic, Class<?> valueDeserializer, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer.getName()));
        config.putAll(extra);
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty() && consumer.assignment().stream()
                        .allMatch(p -> consumer.position(p) >= consumer.endOffsets(List.of(p)).get(p));
            });
        }
        return values;
    }
}
