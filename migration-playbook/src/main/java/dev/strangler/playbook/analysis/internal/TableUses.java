package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds every use of a table in the application's code, through jOOQ or in SQL text, and tells reads from writes.
 *
 * <p>A jOOQ use is a reference to a generated table ({@code Tables.INVOICES}, its columns {@code INVOICES.STATUS}, a
 * method of the table object) or to a generated record's getter or setter. Whether a reference reads or writes is
 * decided by the jOOQ call that consumes it, found by source line, because bytecode keeps no expression tree:
 * <ol>
 *   <li>a jOOQ verb on the reference's line ({@code insertInto}, {@code update}, {@code deleteFrom}, {@code set}
 *       write; {@code select}, {@code selectFrom}, {@code from}, {@code join}, {@code fetchExists}, {@code get}
 *       read);</li>
 *   <li>else a chained verb on the next line (javac gives the arguments of a chained call on its own line the line
 *       of the call before);</li>
 *   <li>else a monolith class that the reference is handed to on the same line, when all of that class's verbs
 *       agree (a helper that inserts whatever table it is given);</li>
 *   <li>else the method's verbs, when they all agree;</li>
 *   <li>else TOUCH: the analysis cannot tell.</li>
 * </ol>
 * Columns are reported with the statement they appear in: a column in the {@code where} of an update is part of a
 * write.
 *
 * <p>A SQL use is a string constant of a method that {@link SqlText} reads as a statement (JDBC, {@code JdbcTemplate}:
 * found by {@link ConstantStrings}), or the {@code value} of a {@code @Query} annotation on a method; the statement
 * itself says read or write ({@code sql select}, {@code sql update}). A lambda's strings count for the method that
 * declares it.
 */
public final class TableUses {

    private static final Set<String> READ_VERBS = Set.of("select", "selectFrom", "selectDistinct", "selectOne",
            "selectCount", "selectZero", "from", "join", "innerJoin", "leftJoin", "leftOuterJoin", "rightJoin",
            "rightOuterJoin", "fullJoin", "fullOuterJoin", "crossJoin", "naturalJoin", "straightJoin", "leftSemiJoin",
            "leftAntiJoin", "get", "getValue");
    /** Reads only when called on the DSLContext with a table argument ({@code db.fetchExists(INVOICES, ...)}). */
    private static final Set<String> CONTEXT_READ_VERBS = Set.of("fetch", "fetchOne", "fetchOptional", "fetchSingle",
            "fetchAny", "fetchExists", "fetchCount", "fetchLazy", "fetchStream", "fetchValue");
    private static final Set<String> WRITE_VERBS = Set.of("insertInto", "update", "deleteFrom", "delete", "mergeInto",
            "truncate", "truncateTable", "batchInsert", "batchUpdate", "batchStore", "batchDelete", "batchMerge",
            "executeInsert", "executeUpdate", "executeDelete", "newRecord", "set", "values", "valuesOfRows",
            "valuesOfRecords", "onDuplicateKeyUpdate", "store", "insert");
    private static final Set<String> INSERT_VERBS = Set.of("insertInto", "batchInsert", "executeInsert", "newRecord",
            "insert", "valuesOfRows", "valuesOfRecords", "mergeInto");

    /**
     * One member's use of one table.
     *
     * @param owner the class
     * @param member the member's name (lambdas count as the method that declares them)
     * @param table the table's SQL name
     * @param modes READ/WRITE, or TOUCH alone
     * @param columns the columns referenced
     * @param verbs the jOOQ calls that decided
     * @param lines source lines of the references
     */
    public record Use(JavaClass owner, String member, String table, Set<Mode> modes, Set<String> columns,
            Set<String> verbs, Set<Integer> lines) {

        public boolean inserts() {
            return verbs.stream().anyMatch(INSERT_VERBS::contains);
        }

        public boolean selectsWholeRows() {
            return verbs.contains("selectFrom");
        }
    }

    private record Verb(int line, String name, Mode mode, boolean chained) {
    }

    private record Reference(String table, @Nullable String column, int line, @Nullable Mode direct,
            JavaAccess<?> access) {
    }

    private TableUses() {
    }

    /** Every use of every table by the application's code, in class, member and table order. */
    public static List<Use> of(JavaClasses classes, Monolith monolith) {
        Map<String, Use> uses = new LinkedHashMap<>();
        classes.stream().filter(monolith::isCode).sorted(Comparator.comparing(JavaClass::getName)).forEach(c -> {
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                List<Verb> verbs = verbs(unit);
                for (Reference ref : references(unit)) {
                    Set<Mode> modes = EnumSet.noneOf(Mode.class);
                    Set<String> decidedBy = new TreeSet<>();
                    if (ref.direct() != null) {
                        modes.add(ref.direct());
                        decidedBy.add(ref.direct() == Mode.WRITE ? "record setter" : "record getter");
                    } else {
                        classify(ref, verbs, unit.getOwner(), modes, decidedBy, monolith);
                    }
                    Use use = use(uses, c, unit.getName(), ref.table());
                    use.modes().addAll(modes);
                    use.verbs().addAll(decidedBy);
                    use.lines().add(ref.line());
                    if (ref.column() != null) {
                        use.columns().add(ref.column());
                    }
                }
            }
            sql(c, uses);
        });
        List<Use> result = new ArrayList<>();
        for (Use use : uses.values()) {
            if (use.modes().size() > 1) {
                use.modes().remove(Mode.TOUCH);
            }
            result.add(use);
        }
        result.sort(Comparator.comparing((Use u) -> u.owner().getName()).thenComparing(Use::member)
                .thenComparing(Use::table));
        return result;
    }

    private static Use use(Map<String, Use> uses, JavaClass c, String member, String table) {
        return uses.computeIfAbsent(c.getName() + "#" + member + "#" + table, k -> new Use(c, member, table,
                EnumSet.noneOf(Mode.class), new TreeSet<>(), new TreeSet<>(), new TreeSet<>()));
    }

    /** The tables named in SQL text by {@code c}: its methods' string constants and {@code @Query} annotations. */
    private static void sql(JavaClass c, Map<String, Use> uses) {
        byte[] bytes = ClassFiles.bytes(c);
        List<ConstantStrings.Constant> constants;
        try {
            constants = bytes.length == 0 ? List.of() : ConstantStrings.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + c.getName(), e);
        }
        for (ConstantStrings.Constant constant : constants) {
            sql(c, enclosing(constant.method()), constant.line(), constant.text(), uses);
        }
        for (JavaMethod method : c.getMethods()) {
            for (JavaAnnotation<JavaMethod> query : method.getAnnotations()) {
                if (query.getRawType().getSimpleName().equals("Query")
                        && query.get("value").orElse(null) instanceof String text) {
                    sql(c, method.getName(), method.getSourceCodeLocation().getLineNumber(), text, uses);
                }
            }
        }
    }

    private static void sql(JavaClass c, String member, int line, String text, Map<String, Use> uses) {
        for (SqlText.TableUse t : SqlText.tables(text)) {
            Use use = use(uses, c, member, t.table());
            use.modes().add(t.mode());
            use.verbs().add(t.verb());
            if (line > 0) {
                use.lines().add(line);
            }
        }
    }

    /** The method a compiled lambda was written in: {@code lambda$find$0} is {@code find}'s. */
    static String enclosing(String method) {
        if (!method.startsWith("lambda$")) {
            return method;
        }
        int end = method.indexOf('$', "lambda$".length());
        String name = end < 0 ? method.substring("lambda$".length()) : method.substring("lambda$".length(), end);
        return switch (name) {
            case "static" -> "<clinit>";
            case "new" -> "<init>";
            default -> name;
        };
    }

    private static void classify(Reference ref, List<Verb> verbs, JavaClass self, Set<Mode> modes,
            Set<String> decidedBy, Monolith monolith) {
        List<Verb> found = verbs.stream().filter(v -> v.line() == ref.line()).toList();
        if (found.isEmpty()) {
            found = verbs.stream().filter(v -> v.line() == ref.line() + 1 && v.chained()).toList();
        }
        if (found.isEmpty()) {
            found = handedTo(ref, self, monolith);
        }
        if (found.isEmpty() && agree(verbs)) {
            found = verbs;
        }
        if (found.isEmpty()) {
            modes.add(Mode.TOUCH);
            return;
        }
        found.forEach(v -> {
            modes.add(v.mode());
            decidedBy.add(v.name());
        });
    }

    /** The verbs of an application class the reference is passed to on its line, when they all agree. */
    private static List<Verb> handedTo(Reference ref, JavaClass self, Monolith monolith) {
        for (var call : ref.access().getOrigin().getCallsFromSelf()) {
            JavaClass target = call.getTargetOwner();
            if (call.getLineNumber() == ref.line() && monolith.isCode(target) && !target.equals(self)) {
                List<Verb> verbs = target.getCodeUnits().stream().flatMap(u -> verbs(u).stream()).toList();
                if (agree(verbs)) {
                    return verbs;
                }
            }
        }
        return List.of();
    }

    private static boolean agree(List<Verb> verbs) {
        return !verbs.isEmpty() && verbs.stream().map(Verb::mode).distinct().count() == 1;
    }

    private static List<Verb> verbs(JavaCodeUnit unit) {
        List<Verb> verbs = new ArrayList<>();
        for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
            String owner = call.getTargetOwner().getName();
            if (!owner.startsWith("org.jooq.")) {
                continue;
            }
            String name = call.getName();
            boolean context = owner.equals("org.jooq.DSLContext") || owner.equals("org.jooq.impl.DSL");
            if (WRITE_VERBS.contains(name)) {
                verbs.add(new Verb(call.getLineNumber(), name, Mode.WRITE, !context));
            } else if (READ_VERBS.contains(name) || context && CONTEXT_READ_VERBS.contains(name)) {
                verbs.add(new Verb(call.getLineNumber(), name, Mode.READ, !context));
            }
        }
        return verbs;
    }

    private static List<Reference> references(JavaCodeUnit unit) {
        List<Reference> refs = new ArrayList<>();
        for (JavaFieldAccess access : unit.getFieldAccesses()) {
            JavaClass type = access.getTarget().getRawType();
            JavaClass owner = access.getTargetOwner();
            if (Monolith.isTableClass(type)) {
                refs.add(new Reference(Monolith.tableName(type), null, access.getLineNumber(), null, access));
            } else if (Monolith.isTableClass(owner)) {
                refs.add(new Reference(Monolith.tableName(owner), access.getName().toLowerCase(java.util.Locale.ROOT),
                        access.getLineNumber(), null, access));
            }
        }
        for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
            JavaClass owner = call.getTargetOwner();
            if (Monolith.isTableClass(owner)) {
                refs.add(new Reference(Monolith.tableName(owner), null, call.getLineNumber(), null, call));
            } else if (Monolith.isRecordClass(owner)) {
                String name = call.getName();
                boolean getter = name.startsWith("get") && name.length() > 3;
                boolean setter = name.startsWith("set") && name.length() > 3;
                refs.add(new Reference(Monolith.tableName(owner),
                        getter || setter ? Monolith.snake(name.substring(3)) : null, call.getLineNumber(),
                        getter ? Mode.READ : setter ? Mode.WRITE : null, call));
            }
        }
        return refs;
    }
}
