package dev.strangler.cdc.translate;

import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Capture side of a table captured through its outbox: an outbox event of the pair's aggregate type carries the row
 * as a JSON document whose properties are the change record's fields by name ({@code version} too, when the side
 * keeps one). A property left out is a null field; the key is required; a value of the wrong type is refused.
 */
public final class OutboxTranslator {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private record Property(String name, int pos, FieldType type) {
    }

    private final ChangeShape shape;
    private final String aggregateType;
    private final String keyName;
    private final List<Property> properties = new ArrayList<>();

    private final ChangeRecord.Origin origin;
    private final String eventIdPrefix;

    /** @param side the side whose outbox is captured */
    public OutboxTranslator(ChangeShape shape, TablePair.SideName side) {
        this.shape = shape;
        TablePair pair = shape.pair();
        if (!(pair.side(side).capture() instanceof TableSide.Outbox outbox)) {
            throw new IllegalArgumentException("table pair '" + pair.name() + "' is not captured through an outbox"
                    + " on its " + side.name().toLowerCase(java.util.Locale.ROOT) + " side");
        }
        this.origin = side == TablePair.SideName.LEGACY ? ChangeRecord.Origin.LEGACY : ChangeRecord.Origin.SERVICE;
        this.eventIdPrefix = side.topicPart() + ":outbox:";
        this.aggregateType = outbox.aggregateType();
        this.keyName = pair.keyField().name();
        for (FieldSpec f : pair.fields()) {
            if (f.key()) {
                continue;
            }
            for (String name : f.recordFields()) {
                properties.add(new Property(name, shape.position(name), f.type()));
            }
        }
        if (pair.side(side).version() != null) {
            properties.add(new Property(ChangeRecord.VERSION, shape.position(ChangeRecord.VERSION), FieldType.INT));
        }
    }

    /** The change an outbox event carries, or null for an event of another aggregate (not this pair's). */
    public @Nullable GenericRecord read(OutboxEvent event, SourcePosition position) {
        if (!aggregateType.equals(event.aggregateType())) {
            return null;
        }
        JsonNode document;
        try {
            document = JSON.readTree(event.payload());
        } catch (JacksonException e) {
            throw new UntranslatableChange("outbox event " + event.id() + " holds no JSON document");
        }
        if (!document.isObject()) {
            throw new UntranslatableChange("outbox event " + event.id() + " holds no JSON object");
        }
        JsonNode key = document.get(keyName);
        if (key == null || !key.isIntegralNumber()) {
            throw new UntranslatableChange("outbox event " + event.id() + " without a whole-number '" + keyName + "'");
        }
        GenericRecord r = shape.envelope(origin, ChangeRecord.Op.UPSERT, key.asLong(), position,
                eventIdPrefix + event.id());
        for (Property p : properties) {
            JsonNode value = document.get(p.name());
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                r.put(p.pos(), AvroValues.toAvro(p.type(), javaValue(p.type(), value)));
            } catch (RuntimeException e) {
                throw new UntranslatableChange("outbox event " + event.id() + ": '" + p.name() + "' is not a "
                        + p.type().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return r;
    }

    private static Object javaValue(FieldType type, JsonNode value) {
        return switch (type) {
            case LONG, INT -> {
                if (!value.isIntegralNumber()) {
                    throw new IllegalArgumentException("not a whole number");
                }
                yield value.asLong();
            }
            case STRING, CARD -> {
                if (!value.isString()) {
                    throw new IllegalArgumentException("not a string");
                }
                yield value.asString();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("not a boolean");
                }
                yield value.asBoolean();
            }
            case DOUBLE -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("not a number");
                }
                yield value.asDouble();
            }
            case TIMESTAMP -> instant(value.asString());
            case DATE -> LocalDate.parse(value.asString());
        };
    }

    /** ISO-8601 with an offset ({@code Z} or {@code +01:00}). */
    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}
