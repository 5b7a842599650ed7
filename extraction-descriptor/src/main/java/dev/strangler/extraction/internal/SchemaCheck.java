package dev.strangler.extraction.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema of descriptors ({@code extractions/extraction.schema.json}, packaged into this jar), applied to a
 * document. Problems come back as path and message, most specific first: a wrong value inside a mapping is reported
 * there, not as "the mapping is invalid".
 */
public final class SchemaCheck {

    /** Where the build puts the repository's schema. */
    public static final String RESOURCE = "/dev/strangler/extraction/extraction.schema.json";

    private static final Schema SCHEMA = load();

    private SchemaCheck() {
    }

    /** A problem at {@code path} ({@code data[0].fields[2]}). */
    public record Finding(String path, String message) {
    }

    private static Schema load() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Finding> check(JsonNode document) {
        Map<String, Finding> byPath = new LinkedHashMap<>();
        for (Error e : SCHEMA.validate(document)) {
            String path = path(e.getInstanceLocation());
            String message = e.getMessage();
            String where = path;
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                where = path.isEmpty() ? e.getProperty() : path + "." + e.getProperty();
                message = "is required";
            } else if ("additionalProperties".equals(e.getKeyword()) && e.getProperty() != null) {
                where = path.isEmpty() ? e.getProperty() : path + "." + e.getProperty();
                message = "is not a known field here";
            }
            byPath.putIfAbsent(where + "\u0000" + message, new Finding(where, message));
        }
        return new ArrayList<>(byPath.values());
    }

    private static String path(NodePath location) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            elements.add(location.getElement(i));
        }
        return YamlPositions.path(elements);
    }
}
