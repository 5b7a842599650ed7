package dev.strangler.extraction.internal;

import dev.strangler.extraction.AnalysisSpec;
import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.Conversion;
import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.PlaybookSpec;
import dev.strangler.extraction.ReconcileSpec;
import dev.strangler.extraction.RouteSpec;
import dev.strangler.extraction.ScopeSpec;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Binds a document that passed the JSON Schema to the model, filling defaults in this one place, and checks what a
 * schema cannot say: references between parts of the file (a reconciled field that does not exist, a conversion that
 * does not fit the field's type, a playbook route that is not a route of the extraction). Each problem is kept with
 * the path of the element it is about.
 */
public final class Binder {

    private final List<SchemaCheck.Finding> problems = new ArrayList<>();

    public List<SchemaCheck.Finding> problems() {
        return problems;
    }

    private void problem(String path, String message) {
        problems.add(new SchemaCheck.Finding(path, message));
    }

    public Extraction bind(JsonNode root, Path file) {
        String name = root.path("name").asString();
        String expected = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!name.equals(expected)) {
            problem("name", "is '" + name + "' but the file is " + file.getFileName()
                    + ": name the file after the extraction (" + name + ".yaml)");
        }
        List<RouteSpec> routes = list(root.path("routes"), "routes", this::route);
        unique(routes, RouteSpec::id, "routes", "id", "route");
        Set<String> routeIds = new HashSet<>();
        routes.forEach(r -> routeIds.add(r.id()));
        List<TablePair> data = new ArrayList<>();
        for (int i = 0; i < root.path("data").size(); i++) {
            data.add(tablePair(root.path("data").get(i), "data[" + i + "]", name, routeIds));
        }
        unique(data, TablePair::name, "data", "name", "table pair");
        JsonNode analysis = root.path("analysis");
        return new Extraction(name, root.path("description").asString(""), side(root.path("legacy")),
                side(root.path("extracted")), routes, data, analysis.isMissingNode() ? null : analysis(analysis),
                playbook(root.path("playbook"), routeIds, routes), scope(root.path("scope")), file);
    }

    private static Extraction.Side side(JsonNode n) {
        return new Extraction.Side(n.path("service").asString(), text(n, "url"), n.path("database").asString());
    }

    private RouteSpec route(JsonNode n, String path) {
        List<String> methods = new ArrayList<>();
        n.path("methods").forEach(m -> methods.add(m.asString()));
        JsonNode t = n.path("timeouts");
        RouteSpec.Timeouts d = RouteSpec.Timeouts.DEFAULT;
        RouteSpec.Timeouts timeouts = new RouteSpec.Timeouts(t.path("connect-millis").asInt(d.connectMillis()),
                t.path("response-millis").asInt(d.responseMillis()),
                t.path("legacy-connect-retry-millis").asInt(d.legacyConnectRetryMillis()));
        JsonNode s = n.path("shadow");
        RouteSpec.Shadow ds = RouteSpec.Shadow.DEFAULT;
        RouteSpec.Shadow shadow = new RouteSpec.Shadow(s.path("dry-run").asBoolean(ds.dryRun()),
                strings(s.path("ignore-paths"), ds.ignorePaths()),
                s.path("numeric-tolerance").asDouble(ds.numericTolerance()),
                s.path("ignore-array-order").asBoolean(ds.ignoreArrayOrder()), strings(s.path("headers"), ds.headers()),
                s.path("samples").asInt(ds.samples()), ints(s.path("not-compared-statuses")));
        JsonNode o = n.path("slo");
        RouteSpec.Slo dl = RouteSpec.Slo.DEFAULT;
        RouteSpec.Slo slo = new RouteSpec.Slo(o.path("window-seconds").asInt(dl.windowSeconds()),
                o.path("min-samples").asInt(dl.minSamples()), o.path("max-error-rate").asDouble(dl.maxErrorRate()),
                o.path("max-p99-millis").asLong(dl.maxP99Millis()),
                o.path("max-p99-vs-legacy").asDouble(dl.maxP99VsLegacy()));
        return new RouteSpec(n.path("id").asString(), n.path("path").asString(), methods, text(n, "reason"), timeouts,
                shadow, slo);
    }

    private TablePair tablePair(JsonNode n, String path, String extraction, Set<String> routeIds) {
        String name = n.path("name").asString();
        String record = text(n, "record");
        if (record == null) {
            record = "dev.strangler.cdc." + extraction.replace('-', '_') + "." + camel(name, true) + "Change";
        }
        String ownerRoute = text(n, "owner-route");
        if (ownerRoute != null && !routeIds.contains(ownerRoute)) {
            problem(path + ".owner-route", "names no route of this extraction: '" + ownerRoute + "' (routes: "
                    + routeIds + ")");
        }
        TablePair.ConflictPolicy conflict = TablePair.ConflictPolicy.valueOf(
                n.path("conflict").asString("route-owner").toUpperCase(Locale.ROOT).replace('-', '_'));
        if (conflict == TablePair.ConflictPolicy.ROUTE_OWNER && ownerRoute == null) {
            problem(path + ".conflict", "route-owner needs owner-route: the route whose stage says which side owns"
                    + " the rows");
        }
        TableSide legacy = tableSide(n.path("legacy"));
        TableSide extracted = tableSide(n.path("extracted"));
        List<FieldSpec> fields = new ArrayList<>();
        for (int i = 0; i < n.path("fields").size(); i++) {
            FieldSpec f = field(n.path("fields").get(i), path + ".fields[" + i + "]", legacy, extracted);
            if (f != null) {
                fields.add(f);
            }
        }
        checkFields(fields, path, legacy, extracted);
        ReconcileSpec reconcile = reconcile(n.path("reconcile"), path + ".reconcile", fields);
        return new TablePair(name, record, ownerRoute, conflict, legacy, extracted, fields, reconcile);
    }

    private static TableSide tableSide(JsonNode n) {
        JsonNode c = n.path("capture");
        TableSide.Capture capture = c.has("outbox")
                ? new TableSide.Outbox(c.path("outbox").path("table").asString(),
                        c.path("outbox").path("aggregate-type").asString())
                : new TableSide.OriginMarker(c.path("origin-marker").asString());
        return new TableSide(n.path("table").asString(), n.path("key").asString(), capture,
                n.has("ids-from") ? n.path("ids-from").asLong() : null, text(n, "version"));
    }

    private @Nullable FieldSpec field(JsonNode n, String path, TableSide legacy, TableSide extracted) {
        FieldType type = FieldType.valueOf(n.path("type").asString().toUpperCase(Locale.ROOT));
        FieldSpec.Owner owner = FieldSpec.Owner.valueOf(n.path("owner").asString("route").toUpperCase(Locale.ROOT));
        Mapping l = mapping(n.path("legacy"), path + ".legacy", type);
        Mapping e = mapping(n.path("extracted"), path + ".extracted", type);
        if (l == null || e == null) {
            return null;
        }
        FieldSpec f = new FieldSpec(n.path("name").asString(), type, n.path("key").asBoolean(false),
                n.path("updated-at").asBoolean(false), owner, l, e);
        if (f.key()) {
            keyMapping(f, l, legacy, path + ".legacy");
            keyMapping(f, e, extracted, path + ".extracted");
        }
        if (f.updatedAt() && type != FieldType.TIMESTAMP) {
            problem(path + ".updated-at", "only a timestamp field can be the rows' update time, not a " + type.yamlName());
        }
        return f;
    }

    private void keyMapping(FieldSpec f, Mapping m, TableSide side, String path) {
        if (!(m instanceof Mapping.Columns c) || c.names().size() != 1
                || !(c.conversion() instanceof Conversion.Identity) || c.transform() != null) {
            problem(path, "the key field must be the table's key column, unconverted");
        } else if (!c.first().equals(side.key())) {
            problem(path, "the key field is stored in '" + c.first() + "' but the table's key is '" + side.key() + "'");
        }
        if (f.type() != FieldType.LONG && f.type() != FieldType.STRING && f.type() != FieldType.INT) {
            problem(path, "a key must be a long, an int or a string, not a " + f.type().yamlName());
        }
    }

    private @Nullable Mapping mapping(JsonNode n, String path, FieldType type) {
        if (n.isString()) {
            if (type == FieldType.CARD) {
                problem(path, "a card field needs transform: tokenize on a card-number column, or token/last4/brand"
                        + " columns");
                return null;
            }
            return new Mapping.Columns(List.of(n.asString()), new Conversion.Identity(), null, false);
        }
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("column", "columns", "computed", "constant", "token")) {
            if (n.has(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1 || n.has("last4") != n.has("token") || n.has("brand") != n.has("token")) {
            problem(path, "say how this side stores the field with exactly one of: column, columns, computed,"
                    + " constant, or token + last4 + brand (found " + (kinds.isEmpty() ? "none" : kinds) + ")");
            return null;
        }
        String kind = kinds.getFirst();
        if (!kind.startsWith("column")) {
            for (String only : List.of("convert", "transform", "insert-only")) {
                if (n.has(only)) {
                    problem(path + "." + only, "applies to columns only, not to " + kind);
                }
            }
        }
        return switch (kind) {
            case "computed" -> computed(n, path, type);
            case "constant" -> new Mapping.Constant(constant(n.path("constant")));
            case "token" -> {
                if (type != FieldType.CARD) {
                    problem(path, "token/last4/brand columns hold a card field, not a " + type.yamlName());
                }
                yield new Mapping.CardColumns(n.path("token").asString(), n.path("last4").asString(),
                        n.path("brand").asString());
            }
            default -> columns(n, path, type);
        };
    }

    private Mapping computed(JsonNode n, String path, FieldType type) {
        Mapping.Computed.Kind k = Mapping.Computed.Kind.valueOf(
                n.path("computed").asString().toUpperCase(Locale.ROOT).replace('-', '_'));
        if (k == Mapping.Computed.Kind.SOURCE_TIME && type != FieldType.TIMESTAMP) {
            problem(path + ".computed", "source-time is a timestamp, the field is a " + type.yamlName());
        }
        return new Mapping.Computed(k);
    }

    private static Object constant(JsonNode c) {
        if (c.isBoolean()) {
            return c.asBoolean();
        }
        if (c.isIntegralNumber()) {
            return c.asLong();
        }
        if (c.isNumber()) {
            return c.asDouble();
        }
        return c.asString();
    }

    private Mapping columns(JsonNode n, String path, FieldType type) {
        List<String> names = n.has("column") ? List.of(n.path("column").asString()) : strings(n.path("columns"), List.of());
        Conversion conversion = conversion(n.path("convert"));
        Mapping.Transform transform = n.has("transform")
                ? Mapping.Transform.valueOf(n.path("transform").asString().toUpperCase(Locale.ROOT)) : null;
        String convertPath = path + ".convert";
        switch (conversion) {
            case Conversion.MinorUnits m -> expect(type, FieldType.LONG, convertPath, "minor-units");
            case Conversion.Codes c -> {
                expect(type, FieldType.STRING, convertPath, "codes");
                Set<String> names2 = new HashSet<>();
                c.codeToName().values().forEach(v -> {
                    if (!names2.add(v)) {
                        problem(convertPath + ".codes", "two codes stand for '" + v + "': a name must have one code"
                                + " to be written back");
                    }
                });
            }
            case Conversion.LowerCase l -> expect(type, FieldType.STRING, convertPath, "lower-case");
            case Conversion.Utc u -> expect(type, FieldType.TIMESTAMP, convertPath, "utc");
            case Conversion.Split s -> expect(type, FieldType.STRING, convertPath, "split");
            case Conversion.Identity i -> {
            }
        }
        boolean split = conversion instanceof Conversion.Split;
        if (split && names.size() != 2) {
            problem(path + ".columns", "split stores the field in exactly two columns");
        } else if (!split && names.size() != 1) {
            problem(path + ".columns", "several columns need a conversion that splits the field (split)");
        }
        if (transform == Mapping.Transform.TOKENIZE && type != FieldType.CARD) {
            problem(path + ".transform", "tokenize applies to a card field (type: card), not a " + type.yamlName());
        }
        if (type == FieldType.CARD && transform != Mapping.Transform.TOKENIZE) {
            problem(path, "a card field needs transform: tokenize on this side (no card number may travel)");
        }
        if (transform == Mapping.Transform.MASK && type != FieldType.STRING) {
            problem(path + ".transform", "mask applies to a string field, not a " + type.yamlName());
        }
        return new Mapping.Columns(names, conversion, transform, n.path("insert-only").asBoolean(false));
    }

    private void expect(FieldType actual, FieldType expected, String path, String conversion) {
        if (actual != expected) {
            problem(path, conversion + " gives a " + expected.yamlName() + " field, but the field is a "
                    + actual.yamlName());
        }
    }

    private static Conversion conversion(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return new Conversion.Identity();
        }
        if (c.isString()) {
            return switch (c.asString()) {
                case "lower-case" -> new Conversion.LowerCase();
                case "utc" -> new Conversion.Utc();
                default -> new Conversion.MinorUnits(2);
            };
        }
        if (c.has("minor-units")) {
            return new Conversion.MinorUnits(c.path("minor-units").asInt());
        }
        if (c.has("codes")) {
            Map<String, String> codes = new LinkedHashMap<>();
            c.path("codes").properties().forEach(e -> codes.put(e.getKey(), e.getValue().asString()));
            return new Conversion.Codes(codes);
        }
        return new Conversion.Split(!"first-space".equals(c.path("split").asString()));
    }

    /** Checks across the fields of a pair: one key, unique names, at most one update time, no reserved column. */
    private void checkFields(List<FieldSpec> fields, String path, TableSide legacy, TableSide extracted) {
        long keys = fields.stream().filter(FieldSpec::key).count();
        if (keys != 1) {
            problem(path + ".fields", "exactly one field must be the key (key: true), found " + keys);
        }
        if (fields.stream().filter(FieldSpec::updatedAt).count() > 1) {
            problem(path + ".fields", "at most one field can be the rows' update time (updated-at: true)");
        }
        Set<String> names = new HashSet<>(ChangeRecord.ENVELOPE);
        for (int i = 0; i < fields.size(); i++) {
            for (String n : fields.get(i).recordFields()) {
                if (!names.add(n)) {
                    problem(path + ".fields[" + i + "].name", "'" + n + "' is taken"
                            + (ChangeRecord.ENVELOPE.contains(n) ? " by the change record's envelope" : " by another field"));
                }
            }
        }
        reserved(fields, path, legacy, "legacy");
        reserved(fields, path, extracted, "extracted");
    }

    /** The origin marker and the version column are the bridge's: a field mapped onto one would fight it. */
    private void reserved(List<FieldSpec> fields, String path, TableSide side, String sideName) {
        Set<String> bridgeColumns = new HashSet<>();
        if (side.capture() instanceof TableSide.OriginMarker(String column)) {
            bridgeColumns.add(column);
        }
        if (side.version() != null) {
            bridgeColumns.add(side.version());
        }
        for (int i = 0; i < fields.size(); i++) {
            Mapping m = sideName.equals("legacy") ? fields.get(i).legacy() : fields.get(i).extracted();
            if (m instanceof Mapping.Columns c) {
                for (String col : c.names()) {
                    if (bridgeColumns.contains(col)) {
                        problem(path + ".fields[" + i + "]." + sideName, "column '" + col + "' is the bridge's own"
                                + " (origin marker or version): it cannot also hold a field");
                    }
                }
            }
        }
    }

    private ReconcileSpec reconcile(JsonNode n, String path, List<FieldSpec> fields) {
        List<String> compared = new ArrayList<>();
        if (n.has("fields")) {
            JsonNode list = n.path("fields");
            for (int i = 0; i < list.size(); i++) {
                String f = list.get(i).asString();
                String why = notComparable(f, fields);
                if (why != null) {
                    problem(path + ".fields[" + i + "]", why);
                }
                compared.add(f);
            }
        } else {
            for (FieldSpec f : fields) {
                if (f.key()) {
                    continue;
                }
                String candidate = f.type() == FieldType.CARD ? f.name() + "Last4" : f.name();
                if (notComparable(candidate, fields) == null) {
                    compared.add(candidate);
                }
            }
        }
        return new ReconcileSpec(compared, n.path("tolerance").asInt(0),
                n.path("chunk-size").asInt(ReconcileSpec.DEFAULT_CHUNK_SIZE),
                n.path("settle-seconds").asInt(ReconcileSpec.DEFAULT_SETTLE_SECONDS));
    }

    /** Why a record field cannot be reconciled, or null: both sides must store it in columns. */
    private static @Nullable String notComparable(String recordField, List<FieldSpec> fields) {
        for (FieldSpec f : fields) {
            if (!f.recordFields().contains(recordField)) {
                continue;
            }
            if (f.type() == FieldType.CARD && !recordField.equals(f.name() + "Last4")) {
                return "'" + recordField + "' cannot be compared (a token exists on one side only): compare "
                        + f.name() + "Last4";
            }
            if (!(f.legacy() instanceof Mapping.Columns || f.legacy() instanceof Mapping.CardColumns)
                    || !(f.extracted() instanceof Mapping.Columns || f.extracted() instanceof Mapping.CardColumns)) {
                return "'" + recordField + "' is not stored on both sides (computed or constant on one): nothing to"
                        + " compare";
            }
            if (isDropped(f.legacy()) || isDropped(f.extracted())) {
                return "'" + recordField + "' is dropped on one side: nothing to compare";
            }
            return null;
        }
        return "names no field of this table pair: '" + recordField + "'";
    }

    private static boolean isDropped(Mapping m) {
        return m instanceof Mapping.Columns c && c.transform() == Mapping.Transform.DROP;
    }

    private static AnalysisSpec analysis(JsonNode n) {
        Map<String, String> owners = new LinkedHashMap<>();
        n.path("table-owners").properties().forEach(e -> owners.put(e.getKey(), e.getValue().asString()));
        List<String> packages = strings(n.path("packages"), List.of());
        String root = n.path("root-package").asString(packages.isEmpty() ? "" : parent(packages.getFirst()));
        return new AnalysisSpec(root, packages, strings(n.path("tables"), List.of()),
                strings(n.path("related-tables"), List.of()), owners, strings(n.path("rules"), List.of()));
    }

    private PlaybookSpec playbook(JsonNode n, Set<String> routeIds, List<RouteSpec> routes) {
        List<String> moved = strings(n.path("routes"), routes.stream().map(RouteSpec::id).toList());
        JsonNode r = n.path("routes");
        for (int i = 0; i < r.size(); i++) {
            if (!routeIds.contains(r.get(i).asString())) {
                problem("playbook.routes[" + i + "]", "names no route of this extraction: '" + r.get(i).asString()
                        + "' (routes: " + routeIds + ")");
            }
        }
        List<PlaybookSpec.Step> steps = list(n.path("steps"), "playbook.steps", (s, p) -> new PlaybookSpec.Step(
                s.path("id").asString(), s.path("action").asString(), s.path("title").asString(s.path("id").asString()),
                s));
        unique(steps, PlaybookSpec.Step::id, "playbook.steps", "id", "step");
        return new PlaybookSpec(moved, steps);
    }

    private static @Nullable ScopeSpec scope(JsonNode n) {
        if (n.isMissingNode()) {
            return null;
        }
        List<ScopeSpec.Database> databases = new ArrayList<>();
        for (JsonNode d : n.path("databases")) {
            Map<String, String> readers = new LinkedHashMap<>();
            d.path("readers").properties().forEach(e -> readers.put(e.getKey(), e.getValue().asString()));
            databases.add(new ScopeSpec.Database(d.path("database").asString(), d.path("component").asString(),
                    d.path("owner").asString(), text(d, "vault-table"), readers));
        }
        List<ScopeSpec.ByDesign> byDesign = new ArrayList<>();
        for (JsonNode b : n.path("by-design")) {
            byDesign.add(new ScopeSpec.ByDesign(b.path("component").asString(), b.path("where").asString(""),
                    b.path("why").asString()));
        }
        return new ScopeSpec(n.path("sensitive-data").asString("card-numbers"), databases, byDesign);
    }

    private interface Element<T> {
        T read(JsonNode node, String path);
    }

    private static <T> List<T> list(JsonNode array, String path, Element<T> element) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(element.read(array.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private <T> void unique(List<T> items, Function<T, String> id, String path, String idField, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String v = id.apply(items.get(i));
            if (!seen.add(v)) {
                problem(path + "[" + i + "]." + idField, "a second " + what + " named '" + v + "'");
            }
        }
    }

    private static List<String> strings(JsonNode array, List<String> fallback) {
        if (!array.isArray()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String parent(String pkg) {
        int dot = pkg.lastIndexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    /** {@code payment_events} -> {@code PaymentEvents} (or {@code paymentEvents}). */
    public static String camel(String snake, boolean upperFirst) {
        StringBuilder s = new StringBuilder();
        boolean up = upperFirst;
        for (char ch : snake.toCharArray()) {
            if (ch == '_' || ch == '-') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return s.toString();
    }
}
