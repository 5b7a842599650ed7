package dev.strangler.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes Avro records (generated {@code SpecificRecord}s or {@code GenericRecord}s) in the Confluent wire format,
 * registering each record schema under the topic's subject on first use. A null record stays null (a tombstone).
 */
public final class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private @Nullable SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    /** A ready serializer for values, sharing {@code registry}'s caches. */
    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SerdeConfig.client(configs);
        }
        autoRegister = SerdeConfig.flag(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T record) {
        if (record == null) {
            return null;
        }
        SchemaRegistryClient client = registry();
        Schema schema = record.getSchema();
        String subject = SerdeConfig.subject(topic, isKey);
        int id;
        try {
            id = autoRegister ? client.register(subject, schema) : client.lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("schema " + schema.getFullName() + " refused for subject " + subject, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(new byte[WireFormat.HEADER_LENGTH], 0, WireFormat.HEADER_LENGTH);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
        encoders.set(encoder);
        try {
            writers.computeIfAbsent(schema, AvroSerializer::writerFor).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // never the record itself in the message: it may carry data that must not reach logs
            throw new SerializationException("cannot write a " + schema.getFullName() + " with schema id " + id + " for topic " + topic, e);
        }
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, id);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static DatumWriter<Object> writerFor(Schema schema) {
        return SpecificRecord.class.isAssignableFrom(classOf(schema))
                ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema)
                : new GenericDatumWriter<>(schema);
    }

    private static Class<?> classOf(Schema schema) {
        Class<?> generated = org.apache.avro.specific.SpecificData.get().getClass(schema);
        return generated == null ? Object.class : generated;
    }

    private SchemaRegistryClient registry() {
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer is not configured: set " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        return registry;
    }
}
