package dev.strangler.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

class ChangeRecordSchemaTests {

    /** The schema the monolith's payment follower reads with (the payment-events-api jar). */
    private static Schema paymentEventsApi() throws IOException {
        return new Schema.Parser().parse(Path.of("..", "payment-events-api", "src", "main", "avro",
                "PaymentChange.avsc").toFile());
    }

    private static Schema derived(String extraction, String pair) {
        return ChangeRecordSchema.of(Extractions.read(Descriptors.REPOSITORY.resolve(extraction + ".yaml"))
                .table(pair).orElseThrow());
    }

    @Test
    void thePaymentsRecordIsTheOneTheMonolithFollows() throws IOException {
        Schema derived = derived("payments", "payments");

        assertThat(derived.getFullName()).isEqualTo("dev.strangler.cdc.avro.PaymentChange");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(paymentEventsApi(), derived).getType())
                .as("the monolith reads what the bridge writes").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(derived, paymentEventsApi()).getType())
                .as("BACKWARD: the derived schema reads what earlier bridges wrote")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(derived.getFields()).extracting(Schema.Field::name)
                .containsAll(paymentEventsApi().getFields().stream().map(Schema.Field::name).toList());
    }

    @Test
    void aCardFieldTravelsAsTokenLastFourAndBrandNeverAsANumber() {
        Schema derived = derived("payments", "payments");

        assertThat(derived.getField("cardToken")).isNotNull();
        assertThat(derived.getField("cardLast4")).isNotNull();
        assertThat(derived.getField("cardBrand")).isNotNull();
        assertThat(derived.getField("card")).isNull();
        assertThat(derived.getFields()).extracting(Schema.Field::name).noneMatch(n -> n.toLowerCase().contains("number"));
    }

    @Test
    void theCustomersRecordCarriesEveryFieldOptionallyAroundTheKey() {
        Schema derived = derived("customers", "customers");

        assertThat(derived.getFullName()).isEqualTo("dev.strangler.cdc.customers.CustomersChange");
        assertThat(derived.getField("customerId").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(derived.getField("email").schema().getType()).isEqualTo(Schema.Type.UNION);
        assertThat(derived.getField("email").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(derived.getField("createdAt").schema().getTypes().get(1).getLogicalType().getName())
                .isEqualTo("timestamp-micros");
    }

    @Test
    void retypingAFieldBreaksBackwardCompatibilityAndAddingOneDoesNot() {
        TablePair pair = Extractions.read(Descriptors.REPOSITORY.resolve("customers.yaml")).table("customers")
                .orElseThrow();
        Schema before = ChangeRecordSchema.of(pair);
        TablePair added = new TablePair(pair.name(), pair.record(), pair.ownerRoute(), pair.conflict(), pair.legacy(),
                pair.extracted(), concat(pair, new FieldSpec("nickname", FieldType.STRING, false, false,
                        FieldSpec.Owner.ROUTE, new Mapping.Columns(java.util.List.of("nickname"),
                                new Conversion.Identity(), null, false),
                        new Mapping.Columns(java.util.List.of("nickname"), new Conversion.Identity(), null, false))),
                pair.reconcile());
        TablePair retyped = new TablePair(pair.name(), pair.record(), pair.ownerRoute(), pair.conflict(),
                pair.legacy(), pair.extracted(), pair.fields().stream().map(f -> f.name().equals("email")
                        ? new FieldSpec("email", FieldType.LONG, false, false, f.owner(), f.legacy(), f.extracted())
                        : f).toList(), pair.reconcile());

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ChangeRecordSchema.of(added), before).getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ChangeRecordSchema.of(retyped), before).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static java.util.List<FieldSpec> concat(TablePair pair, FieldSpec extra) {
        java.util.List<FieldSpec> all = new java.util.ArrayList<>(pair.fields());
        all.add(extra);
        return all;
    }
}
