package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.junit.LabExtension;
import dev.strangler.lab.registry.SchemaRegistry;
import dev.strangler.registry.test.Greeting;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the lab's real registry (Apicurio speaking Confluent's API), BACKWARD compatibility. */
@ExtendWith(LabExtension.class)
class SchemaRegistryClientIT {

    private static Schema v1() {
        return SchemaBuilder.record("Payment").namespace("dev.strangler.it").fields()
                .requiredLong("id").requiredString("status").endRecord();
    }

    @Test
    void sameSchemaGetsTheSameIdInEverySubjectAndFromAFreshClient(SchemaRegistry lab) {
        SchemaRegistryClient client = new SchemaRegistryClient(lab.url());
        String subject = "payments-" + UUID.randomUUID() + "-value";
        int id = client.register(subject, v1());

        assertThat(new SchemaRegistryClient(lab.url()).register(subject, v1())).isEqualTo(id);
        assertThat(client.register("other-" + UUID.randomUUID() + "-value", v1())).isEqualTo(id);
        assertThat(new SchemaRegistryClient(lab.url()).lookup(subject, v1())).isEqualTo(id);
        assertThat(new SchemaRegistryClient(lab.url()).schemaById(id)).isEqualTo(v1());
    }

    @Test
    void backwardCompatibilityAcceptsAFieldWithDefaultAndRefusesAFieldWithoutOrAChangedType(SchemaRegistry lab) {
        SchemaRegistryClient client = new SchemaRegistryClient(lab.url());
        assertThat(client.compatibility()).isEqualTo(Compatibility.BACKWARD);
        String subject = "payments-" + UUID.randomUUID() + "-value";
        client.register(subject, v1());

        Schema withDefault = SchemaBuilder.record("Payment").namespace("dev.strangler.it").fields()
                .requiredLong("id").requiredString("status").name("currency").type().stringType().stringDefault("EUR")
                .endRecord();
        Schema withoutDefault = SchemaBuilder.record("Payment").namespace("dev.strangler.it").fields()
                .requiredLong("id").requiredString("status").requiredLong("amountMinor").endRecord();
        Schema changedType = SchemaBuilder.record("Payment").namespace("dev.strangler.it").fields()
                .requiredString("id").requiredString("status").endRecord();

        assertThat(client.isCompatible(subject, withDefault)).isTrue();
        assertThat(client.register(subject, withDefault)).isPositive();
        for (Schema refused : new Schema[] {withoutDefault, changedType}) {
            assertThat(client.isCompatible(subject, refused)).isFalse();
            assertThatThrownBy(() -> client.register(subject, refused))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.isIncompatible()).isTrue();
                    });
        }
    }

    @Test
    void generatedClassAndSchemaFileGiveOneIdAndOneVersion(SchemaRegistry lab) throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(lab.url());
        String subject = "greetings-" + UUID.randomUUID() + "-value";
        Schema fromFile = new Schema.Parser().parse(java.nio.file.Files.readString(java.nio.file.Path.of("src/test/avro/Greeting.avsc")));

        int fromGeneratedClass = client.register(subject, Greeting.getClassSchema());
        int fromSchemaFile = new SchemaRegistryClient(lab.url()).register(subject, fromFile);

        assertThat(fromSchemaFile).isEqualTo(fromGeneratedClass);
        assertThat(SchemaRegistry.call(lab.port(), "GET", "/subjects/" + subject + "/versions", null).body()).isEqualTo("[1]");
    }

    @Test
    void namesUnknownSchemaIdsWithConfluentsErrorCode(SchemaRegistry lab) {
        assertThatThrownBy(() -> new SchemaRegistryClient(lab.url()).schemaById(987_654_321))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
    }
}
