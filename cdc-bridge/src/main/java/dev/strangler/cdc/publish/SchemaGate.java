package dev.strangler.cdc.publish;

import dev.strangler.registry.SchemaRegistryClient;
import dev.strangler.registry.SerdeConfig;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Refuses, before anything runs, a change record that would break its topic's readers: the record derived from a
 * descriptor must read what the latest registered version wrote (BACKWARD, Avro's own resolution rules: a field
 * added needs a default, a field's type may only widen). The registry would refuse it at the first publish; by then
 * the capture would be running and the applier reading with a schema that cannot read the topic.
 */
public final class SchemaGate {

    private SchemaGate() {
    }

    /** @throws IncompatibleSchema naming the subject and Avro's reason */
    public static void verify(SchemaRegistryClient registry, String topic, Schema schema, String origin) {
        String subject = SerdeConfig.subject(topic, false);
        Optional<Schema> latest = registry.latest(subject);
        if (latest.isEmpty()) {
            return;
        }
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, latest.get());
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IncompatibleSchema(origin + ": the change record it derives cannot read what the schema"
                    + " registered under " + subject + " wrote (BACKWARD compatibility): "
                    + result.getResult().getIncompatibilities().stream()
                            .map(i -> "field " + fieldAt(schema, i.getLocation()) + ": " + i.getMessage()).toList()
                    + ". Give a new field a default, keep each field's type, or start a new table pair name.");
        }
    }

    /** Avro's location of an incompatibility ({@code /fields/21/type/1}) as the reader's field name. */
    static String fieldAt(Schema reader, String location) {
        Matcher m = FIELD.matcher(location);
        if (m.find()) {
            int index = Integer.parseInt(m.group(1));
            if (index < reader.getFields().size()) {
                return "'" + reader.getFields().get(index).name() + "'";
            }
        }
        return location;
    }

    private static final Pattern FIELD = Pattern.compile("^/fields/(\\d+)");

    /** A descriptor change that would break the readers of a topic. */
    public static final class IncompatibleSchema extends RuntimeException {
        IncompatibleSchema(String message) {
            super(message);
        }
    }
}
