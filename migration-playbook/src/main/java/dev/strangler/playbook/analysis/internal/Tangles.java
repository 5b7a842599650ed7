package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.analysis.AnalysisReport.CardDataKind;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.AnalysisReport.Tangle;
import dev.strangler.playbook.analysis.AnalysisReport.TangleKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The couplings between the capability and the rest of the application that an extraction has to undo, each from
 * bytecode evidence: table uses, card data, transactions around calls into the capability and dependencies on its
 * internals.
 */
public final class Tangles {

    private static final Set<String> TRANSACTIONAL = Set.of(
            "org.springframework.transaction.annotation.Transactional", "jakarta.transaction.Transactional");

    private Tangles() {
    }

    public static List<Tangle> find(JavaClasses classes, List<TableUses.Use> uses,
            List<AnalysisReport.CardData> cardData, Set<PackageDependencies.ClassPair> inbound, Monolith monolith) {
        List<Tangle> tangles = new ArrayList<>();
        tableTangles(uses, tangles, monolith);
        cardData.stream()
                .filter(d -> !d.insideCapability() && !d.masked()
                        && (d.kind() == CardDataKind.COLUMN_USE || d.kind() == CardDataKind.WHOLE_ROWS))
                .forEach(d -> tangles.add(new Tangle(TangleKind.CARD_NUMBERS_OUTSIDE_CAPABILITY, d.className(),
                        d.member(), monolith.relative(classes.get(d.className()).getPackageName()),
                        tablesIn(uses, d, monolith), d.detail())));
        classes.stream().filter(c -> monolith.isCode(c) && !monolith.inCapability(c))
                .sorted(Comparator.comparing(JavaClass::getName))
                .forEach(c -> callsInTransactions(c, tangles, monolith));
        Map<String, Set<String>> internals = new TreeMap<>();
        inbound.stream().filter(p -> monolith.inCapabilityInternals(p.toPackage()))
                .forEach(p -> internals.computeIfAbsent(p.from(), k -> new TreeSet<>()).add(Monolith.simple(p.to())));
        String name = monolith.scope().name();
        internals.forEach((from, to) -> tangles.add(new Tangle(TangleKind.REACHES_INTO_CAPABILITY_INTERNALS, from, "",
                monolith.relative(from.substring(0, from.lastIndexOf('.'))), List.of(),
                "depends on " + name + " internals: " + String.join(", ", to))));
        tangles.sort(Comparator.comparing(Tangle::className).thenComparing(Tangle::member)
                .thenComparing(Tangle::kind));
        return tangles;
    }

    private static void tableTangles(List<TableUses.Use> uses, List<Tangle> tangles, Monolith monolith) {
        Map<String, List<TableUses.Use>> byMember = new LinkedHashMap<>();
        uses.forEach(u -> byMember.computeIfAbsent(u.owner().getName() + "#" + u.member(), k -> new ArrayList<>())
                .add(u));
        for (List<TableUses.Use> member : byMember.values()) {
            JavaClass owner = member.getFirst().owner();
            String name = member.getFirst().member();
            String pkg = monolith.relative(owner.getPackageName());
            if (monolith.inCapability(owner)) {
                List<TableUses.Use> foreign = member.stream()
                        .filter(u -> !monolith.ownedByCapability(u.table())).toList();
                if (!foreign.isEmpty()) {
                    tangles.add(new Tangle(TangleKind.CAPABILITY_USES_OTHER_TABLES, owner.getName(), name, pkg,
                            tables(foreign), describe(foreign)));
                }
                continue;
            }
            List<TableUses.Use> own = member.stream().filter(u -> monolith.extracted(u.table())).toList();
            if (own.isEmpty()) {
                continue;
            }
            TangleKind kind = own.stream().anyMatch(u -> u.modes().contains(Mode.WRITE))
                    ? TangleKind.WRITES_CAPABILITY_TABLES
                    : own.stream().anyMatch(u -> u.modes().contains(Mode.READ))
                            ? TangleKind.READS_CAPABILITY_TABLES : TangleKind.TOUCHES_CAPABILITY_TABLES;
            tangles.add(new Tangle(kind, owner.getName(), name, pkg, tables(own), describe(own)));
            List<TableUses.Use> reads = member.stream().filter(u -> u.modes().contains(Mode.READ)).toList();
            List<TableUses.Use> ownReads = reads.stream().filter(u -> monolith.extracted(u.table())).toList();
            List<TableUses.Use> others = reads.stream()
                    .filter(u -> !monolith.ownedByCapability(u.table())).toList();
            if (!ownReads.isEmpty() && !others.isEmpty()) {
                tangles.add(new Tangle(TangleKind.QUERIES_CAPABILITY_WITH_OTHER_TABLES, owner.getName(), name, pkg,
                        tables(reads), "reads " + String.join(", ", tables(ownReads))
                                + " together with other features' tables in one method: "
                                + String.join(", ", tables(others).stream()
                                        .map(t -> t + " (" + monolith.owner(t) + ")").toList())));
            }
        }
    }

    /** {@code invoices [status, updated_at] (update, set) lines 153-157; invoice_lines ...}. */
    static String describe(List<TableUses.Use> uses) {
        List<String> parts = new ArrayList<>();
        for (TableUses.Use u : uses) {
            String modes = u.modes().contains(Mode.READ) && u.modes().contains(Mode.WRITE) ? "reads and writes"
                    : u.modes().contains(Mode.WRITE) ? "writes" : u.modes().contains(Mode.READ) ? "reads" : "touches";
            StringBuilder s = new StringBuilder(modes).append(' ').append(u.table());
            if (!u.columns().isEmpty()) {
                s.append(" (").append(String.join(", ", u.columns())).append(')');
            }
            if (!u.verbs().isEmpty()) {
                s.append(" via ").append(String.join(", ", u.verbs()));
            }
            s.append(", line").append(u.lines().size() > 1 ? "s " : " ").append(lineRange(u.lines()));
            parts.add(s.toString());
        }
        return String.join("; ", parts);
    }

    private static String lineRange(Set<Integer> lines) {
        TreeSet<Integer> sorted = new TreeSet<>(lines);
        return sorted.size() == 1 ? String.valueOf(sorted.first()) : sorted.first() + "-" + sorted.last();
    }

    private static List<String> tables(List<TableUses.Use> uses) {
        return List.copyOf(new TreeSet<>(uses.stream().map(TableUses.Use::table).toList()));
    }

    private static List<String> tablesIn(List<TableUses.Use> uses, AnalysisReport.CardData d, Monolith monolith) {
        return tables(uses.stream().filter(u -> u.owner().getName().equals(d.className())
                && u.member().equals(d.member()) && monolith.extracted(u.table())).toList());
    }

    /**
     * A transactional method of {@code c} from which a call into a service of the capability (an interface or a
     * class of its packages that is not a value: record, enum) is reachable through {@code c}'s own methods.
     */
    private static void callsInTransactions(JavaClass c, List<Tangle> tangles, Monolith monolith) {
        boolean classTransactional = TRANSACTIONAL.stream().anyMatch(c::isAnnotatedWith);
        for (JavaCodeUnit start : c.getMethods()) {
            if (!classTransactional && TRANSACTIONAL.stream().noneMatch(start::isAnnotatedWith)) {
                continue;
            }
            Map<JavaCodeUnit, JavaCodeUnit> cameFrom = new HashMap<>();
            Deque<JavaCodeUnit> todo = new ArrayDeque<>(List.of(start));
            cameFrom.put(start, start);
            Set<String> found = new TreeSet<>();
            while (!todo.isEmpty()) {
                JavaCodeUnit unit = todo.removeFirst();
                for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    if (target.equals(c)) {
                        call.getTarget().resolveMember().ifPresent(next -> {
                            if (!cameFrom.containsKey(next)) {
                                cameFrom.put(next, unit);
                                todo.addLast(next);
                            }
                        });
                    } else if (monolith.inCapability(target) && monolith.isCode(target) && !target.isRecord()
                            && !target.isEnum()) {
                        found.add(path(cameFrom, unit) + " -> " + target.getSimpleName() + "." + call.getName()
                                + " (line " + call.getLineNumber() + ")");
                    }
                }
            }
            if (!found.isEmpty()) {
                tangles.add(new Tangle(TangleKind.CAPABILITY_CALL_IN_TRANSACTION, c.getName(), start.getName(),
                        monolith.relative(c.getPackageName()), List.of(),
                        (classTransactional ? "class" : "method") + " is @Transactional and calls "
                                + monolith.scope().name() + " code inside the transaction: "
                                + String.join("; ", found)));
            }
        }
    }

    private static String path(Map<JavaCodeUnit, JavaCodeUnit> cameFrom, JavaCodeUnit unit) {
        List<String> names = new ArrayList<>();
        JavaCodeUnit at = unit;
        while (true) {
            names.addFirst(at.getName());
            JavaCodeUnit previous = cameFrom.get(at);
            if (previous == null || previous.equals(at)) {
                break;
            }
            at = previous;
        }
        return String.join(" -> ", names);
    }
}
