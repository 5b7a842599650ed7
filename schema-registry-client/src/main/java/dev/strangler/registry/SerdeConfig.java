package dev.strangler.registry;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** The configuration keys of the serdes; the same names as Confluent's, so that either client reads the same config. */
public final class SerdeConfig {

    /** Base URL of the registry's Confluent API, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    /** Register unknown schemas on first use (default true); false means they must have been registered already. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    /** Class of the generated record to read values into; without it the deserializer returns GenericRecords. */
    public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";

    /** Class of the generated record to read keys into. */
    public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";

    private SerdeConfig() {
    }

    /** The subject of a topic's keys or values (Confluent's TopicNameStrategy). */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    static String required(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(key, value, "required: the base URL of the schema registry's Confluent API");
        }
        return value.toString();
    }

    static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }
}
