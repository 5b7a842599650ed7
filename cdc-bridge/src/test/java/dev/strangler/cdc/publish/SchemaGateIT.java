package dev.strangler.cdc.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.cdc.translate.PaymentsPair;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.registry.SchemaRegistryClient;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The bridge refuses, before it runs, a descriptor whose change record could not read what its topic holds, against
 * the real registry: a retyped field is refused, an added field (optional, as the derived record makes every field)
 * passes, and a topic nobody wrote yet needs nothing.
 */
class SchemaGateIT {

    private final SchemaRegistryClient registry = new SchemaRegistryClient(TestLab.schemaRegistry().url());
    private final Schema derived = PaymentsPair.shape().schema();

    private String topic() {
        return "gate-it-" + UUID.randomUUID();
    }

    @Test
    void aTopicWithoutASchemaNeedsNothing() {
        assertThatCode(() -> SchemaGate.verify(registry, topic(), derived, "payments")).doesNotThrowAnyException();
    }

    @Test
    void theRecordAsRegisteredAndOneWithAFieldMorePass() {
        String topic = topic();
        registry.register(topic + "-value", derived);
        assertThatCode(() -> SchemaGate.verify(registry, topic, derived, "payments")).doesNotThrowAnyException();

        Schema withNote = withField(derived, "note", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), true);
        assertThatCode(() -> SchemaGate.verify(registry, topic, withNote, "payments")).doesNotThrowAnyException();
    }

    @Test
    void aRetypedFieldIsRefusedNamingTheSubjectAndTheField() {
        String topic = topic();
        registry.register(topic + "-value", derived);
        // orderId as a string: what was written as a long can no longer be read
        Schema retyped = withField(without(derived, "orderId"), "orderId", Schema.createUnion(
                Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)), true);

        assertThatThrownBy(() -> SchemaGate.verify(registry, topic, retyped, "extraction 'payments'"))
                .isInstanceOf(SchemaGate.IncompatibleSchema.class)
                .hasMessageContaining("extraction 'payments'").hasMessageContaining(topic + "-value")
                .hasMessageContaining("orderId");
    }

    private static Schema without(Schema record, String field) {
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field existing : record.getFields()) {
            if (!existing.name().equals(field)) {
                fields.add(new Schema.Field(existing, existing.schema()));
            }
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema withField(Schema record, String name, Schema type, boolean nullDefault) {
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field existing : record.getFields()) {
            fields.add(new Schema.Field(existing, existing.schema()));
        }
        fields.add(nullDefault ? new Schema.Field(name, type, null, Schema.Field.NULL_DEFAULT_VALUE)
                : new Schema.Field(name, type));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
