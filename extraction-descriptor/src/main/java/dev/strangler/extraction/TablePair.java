package dev.strangler.extraction;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A table of the monolith and its counterpart in the extracted service's database, kept in step by the CDC bridge
 * through two topics ({@code strangler.cdc.legacy.<name>}, {@code strangler.cdc.service.<name>}) carrying one Avro
 * record ({@link #record()}) whose fields are {@link #fields()}.
 *
 * @param record     the Avro record's full name
 * @param ownerRoute the route whose stage says which side owns the rows (null: the legacy side, always)
 */
public record TablePair(String name, String record, @Nullable String ownerRoute, ConflictPolicy conflict,
                        TableSide legacy, TableSide extracted, List<FieldSpec> fields, ReconcileSpec reconcile) {

    public TablePair {
        fields = List.copyOf(fields);
    }

    /** How a change that meets a newer row on the other side is decided. */
    public enum ConflictPolicy {
        /** The side serving {@link #ownerRoute()} wins (legacy until the route is extracted). */
        ROUTE_OWNER,
        LEGACY_WINS,
        EXTRACTED_WINS,
        /** The later write wins: the target's, which is newer. */
        LATEST_WINS
    }

    /** The two sides, legacy first. */
    public enum SideName {
        LEGACY("legacy"), EXTRACTED("service");

        private final String topicPart;

        SideName(String topicPart) {
            this.topicPart = topicPart;
        }

        /** The side's part of topic and slot names ({@code legacy}, {@code service}). */
        public String topicPart() {
            return topicPart;
        }
    }

    public TableSide side(SideName side) {
        return side == SideName.LEGACY ? legacy : extracted;
    }

    /** The topic carrying the changes captured on {@code side}. */
    public String topic(SideName side) {
        return "strangler.cdc." + side.topicPart() + "." + name;
    }

    public FieldSpec keyField() {
        return fields.stream().filter(FieldSpec::key).findFirst().orElseThrow();
    }

    public Optional<FieldSpec> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** The field compared by the conflict policy, if any. */
    public Optional<FieldSpec> updatedAtField() {
        return fields.stream().filter(FieldSpec::updatedAt).findFirst();
    }
}
