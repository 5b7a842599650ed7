package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.registry.test.Greeting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTests {

    @Test
    void generatedSchemaWithoutJavaPropertiesEqualsTheSchemaFile() throws Exception {
        assertThat(Greeting.getClassSchema().toString()).contains("avro.java.string");
        Schema fromFile = new Schema.Parser().parse(Files.readString(Path.of("src/test/avro/Greeting.avsc")));

        Schema clean = AvroSchemas.withoutJavaProperties(Greeting.getClassSchema());

        assertThat(clean.toString()).doesNotContain("avro.java").isEqualTo(fromFile.toString());
    }

    @Test
    void leavesASchemaWithoutJavaPropertiesAsItIs() throws Exception {
        Schema fromFile = new Schema.Parser().parse(Files.readString(Path.of("src/test/avro/Greeting.avsc")));
        assertThat(AvroSchemas.withoutJavaProperties(fromFile)).isSameAs(fromFile);
    }
}
