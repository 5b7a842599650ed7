package dev.strangler.registry;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads records in the Confluent wire format. The writer's schema comes from the registry by the id in the header;
 * with a reader type configured, Avro's schema resolution turns older or newer writer versions into that type
 * (fields added with defaults, fields the reader does not know dropped). Without one it returns GenericRecords.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {

    private @Nullable SchemaRegistryClient registry;
    private @Nullable Schema readerSchema;
    private boolean generic;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
    }

    /** A ready deserializer into {@code type}, a generated record class (or null for GenericRecords). */
    public AvroDeserializer(SchemaRegistryClient registry, @Nullable Class<T> type) {
        this.registry = registry;
        this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
    }

    /**
     * A ready deserializer into GenericRecords of {@code readerSchema}: Avro's schema resolution turns each writer's
     * version into it (a record derived at run time, with no generated class).
     */
    public static AvroDeserializer<org.apache.avro.generic.GenericRecord> generic(SchemaRegistryClient registry,
            Schema readerSchema) {
        AvroDeserializer<org.apache.avro.generic.GenericRecord> d = new AvroDeserializer<>(registry, null);
        d.readerSchema = readerSchema;
        d.generic = true;
        return d;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.client(configs);
        }
        Object type = configs.get(isKey ? SerdeConfig.SPECIFIC_KEY_TYPE : SerdeConfig.SPECIFIC_VALUE_TYPE);
        if (type != null && readerSchema == null) {
            readerSchema = SpecificData.get().getSchema(load(type));
        }
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        int id = WireFormat.schemaId(data);
        DatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                data.length - WireFormat.HEADER_LENGTH, decoders.get());
        decoders.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read a record with schema id " + id + " from topic " + topic, e);
        }
    }

    private DatumReader<T> readerFor(int schemaId) {
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer is not configured: set " + SerdeConfig.SCHEMA_REGISTRY_URL);
        }
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("unknown schema id " + schemaId, e);
        }
        if (readerSchema == null) {
            return new GenericDatumReader<>(writer);
        }
        return generic ? new GenericDatumReader<>(writer, readerSchema) : new SpecificDatumReader<>(writer, readerSchema);
    }

    private static Class<?> load(Object type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        try {
            return Class.forName(type.toString(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException("not a class on the classpath: " + type);
        }
    }
}
