package dev.strangler.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.apache.avro.Schema;

/** Schema clean-up before a schema meets the registry. */
final class AvroSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroSchemas() {
    }

    /**
     * The schema without Java-only properties such as {@code "avro.java.string": "String"}, which Avro's code
     * generator adds to every string type when {@code stringType=String}. Registries compare schemas as text, so with
     * them the same record got a second id and a second version in its subject (seen with Apicurio's Confluent API); readers in
     * other languages do not need them either.
     */
    static Schema withoutJavaProperties(Schema schema) {
        if (!schema.toString().contains("\"avro.java.")) {
            return schema;
        }
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            strip(tree);
            return new Schema.Parser().parse(JSON.writeValueAsString(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot clean schema " + schema.getFullName(), e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().startsWith("avro.java.")) {
                    fields.remove();
                } else {
                    strip(field.getValue());
                }
            }
            // {"type": "string"} with nothing else left is just "string"
        } else if (node instanceof ArrayNode array) {
            array.forEach(AvroSchemas::strip);
        }
    }
}
