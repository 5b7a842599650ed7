package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.analysis.AnalysisReport.CardDataKind;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where card numbers live in the application, from names and types in the bytecode: columns of the generated tables
 * named like card or PAN, the code that reads or writes them (or whole rows of their table), the PAN value type and
 * its users, and fields, parameters and accessor calls named like card or PAN. Names that promise only the last four
 * digits ({@code cardLast4}) are kept but marked masked. Only names are read, never constant values, so no card
 * number can end up in the report.
 */
public final class CardData {

    /** Return types that can carry a PAN as text. */
    private static final Set<String> TEXT = Set.of("java.lang.String", "java.lang.CharSequence", "char[]", "[C");

    private CardData() {
    }

    /** Card columns per generated table class: {@code Invoices -> [card_number]}. */
    public static Map<JavaClass, Set<String>> columns(JavaClasses classes) {
        Map<JavaClass, Set<String>> columns = new TreeMap<>(Comparator.comparing(JavaClass::getName));
        classes.stream().filter(Monolith::isTableClass).forEach(table -> table.getFields().stream()
                .filter(f -> !Monolith.isTableClass(f.getRawType()) && Monolith.namesCard(f.getName()))
                .forEach(f -> columns.computeIfAbsent(table, k -> new TreeSet<>())
                        .add(f.getName().toLowerCase(java.util.Locale.ROOT))));
        return columns;
    }

    /** The PAN value types: application classes named {@code CardNumber} or like PAN. */
    public static Set<String> panTypes(JavaClasses classes, Monolith monolith) {
        return classes.stream().filter(monolith::isCode)
                .filter(c -> {
                    List<String> words = Monolith.words(c.getSimpleName());
                    return words.equals(List.of("card", "number")) || words.contains("pan");
                })
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public static List<AnalysisReport.CardData> find(JavaClasses classes, List<TableUses.Use> uses,
            Monolith monolith) {
        List<AnalysisReport.CardData> found = new ArrayList<>();
        Map<String, Set<String>> cardColumns = new TreeMap<>();
        Set<String> panTypes = panTypes(classes, monolith);

        columns(classes).forEach((tableClass, cols) -> {
            String table = Monolith.tableName(tableClass);
            cardColumns.put(table, cols);
            cols.forEach(col -> found.add(new AnalysisReport.CardData(CardDataKind.COLUMN, tableClass.getName(),
                    table + "." + col, "column " + col + " of table " + table, monolith.ownedByCapability(table),
                    Monolith.namesMaskedCard(col))));
        });

        for (TableUses.Use use : uses) {
            Set<String> cols = cardColumns.getOrDefault(use.table(), Set.of());
            if (cols.isEmpty()) {
                continue;
            }
            boolean inside = monolith.inCapability(use.owner());
            Set<String> named = new TreeSet<>(use.columns());
            named.retainAll(cols);
            if (!named.isEmpty()) {
                found.add(new AnalysisReport.CardData(CardDataKind.COLUMN_USE, use.owner().getName(), use.member(),
                        modes(use) + " " + use.table() + "." + String.join(", " + use.table() + ".", named)
                                + " (" + String.join(", ", use.verbs()) + ")",
                        inside, false));
            } else if (use.inserts() || use.selectsWholeRows()) {
                found.add(new AnalysisReport.CardData(CardDataKind.WHOLE_ROWS, use.owner().getName(), use.member(),
                        (use.inserts() ? "inserts" : "selects") + " whole " + use.table() + " rows without naming"
                                + " columns, so " + String.join(", ", cols) + " included ("
                                + String.join(", ", use.verbs()) + ")",
                        inside, false));
            }
        }

        classes.stream().filter(monolith::isCode).sorted(Comparator.comparing(JavaClass::getName)).forEach(c -> {
            boolean inside = monolith.inCapability(c);
            if (panTypes.contains(c.getName())) {
                found.add(new AnalysisReport.CardData(CardDataKind.PAN_TYPE, c.getName(), c.getSimpleName(),
                        "the PAN value type", inside, false));
                return;
            }
            panTypeUses(c, panTypes).forEach((member, detail) -> found.add(
                    new AnalysisReport.CardData(CardDataKind.PAN_TYPE, c.getName(), member, detail, inside, false)));
            Set<String> fieldNames = new TreeSet<>();
            for (JavaField f : c.getFields()) {
                fieldNames.add(f.getName());
                if (Monolith.namesCard(f.getName()) && !panTypes.contains(f.getRawType().getName())) {
                    found.add(new AnalysisReport.CardData(CardDataKind.FIELD, c.getName(), f.getName(),
                            "field " + f.getName() + " (" + f.getRawType().getSimpleName() + ")", inside,
                            Monolith.namesMaskedCard(f.getName())));
                }
            }
            for (ParameterNames.Parameter p : parameters(c)) {
                boolean assignsField = p.method().equals("<init>") && fieldNames.contains(p.name());
                if (Monolith.namesCard(p.name()) && !panTypes.contains(p.type()) && !assignsField) {
                    found.add(new AnalysisReport.CardData(CardDataKind.PARAMETER, c.getName(), p.method(),
                            "parameter " + p.name() + " (" + Monolith.simple(p.type()) + ") of " + p.method(), inside,
                            Monolith.namesMaskedCard(p.name())));
                }
            }
            Map<String, Set<String>> calls = new TreeMap<>();
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    if (monolith.isCode(target) && !panTypes.contains(target.getName())
                            && Monolith.namesCard(call.getName()) && !Monolith.namesMaskedCard(call.getName())
                            && TEXT.contains(call.getTarget().getRawReturnType().getName())) {
                        calls.computeIfAbsent(unit.getName(), k -> new TreeSet<>())
                                .add(target.getSimpleName() + "." + call.getName() + "()");
                    }
                }
            }
            calls.forEach((member, targets) -> found.add(new AnalysisReport.CardData(CardDataKind.CALL, c.getName(),
                    member, "calls " + String.join(", ", targets), inside, false)));
        });
        return found;
    }

    /** Members of {@code c} that take, return, hold or call the PAN type, with what they do. */
    private static Map<String, String> panTypeUses(JavaClass c, Set<String> panTypes) {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        for (JavaField f : c.getFields()) {
            if (panTypes.contains(f.getRawType().getName())) {
                uses.computeIfAbsent(f.getName(), k -> new TreeSet<>()).add("holds " + f.getRawType().getSimpleName());
            }
        }
        for (JavaCodeUnit unit : c.getCodeUnits()) {
            for (JavaClass p : unit.getRawParameterTypes()) {
                if (panTypes.contains(p.getName())) {
                    uses.computeIfAbsent(unit.getName(), k -> new TreeSet<>()).add("takes " + p.getSimpleName());
                }
            }
            if (panTypes.contains(unit.getRawReturnType().getName())) {
                uses.computeIfAbsent(unit.getName(), k -> new TreeSet<>())
                        .add("returns " + unit.getRawReturnType().getSimpleName());
            }
            for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
                if (panTypes.contains(call.getTargetOwner().getName())) {
                    uses.computeIfAbsent(unit.getName(), k -> new TreeSet<>())
                            .add("calls " + call.getTargetOwner().getSimpleName() + "." + call.getName() + "()");
                }
            }
        }
        Map<String, String> result = new TreeMap<>();
        uses.forEach((member, what) -> result.put(member, String.join(", ", what)));
        return result;
    }

    private static List<ParameterNames.Parameter> parameters(JavaClass c) {
        byte[] bytes = ClassFiles.bytes(c);
        try {
            return bytes.length == 0 ? List.of() : ParameterNames.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + c.getName(), e);
        }
    }

    private static String modes(TableUses.Use use) {
        if (use.modes().contains(Mode.READ) && use.modes().contains(Mode.WRITE)) {
            return "reads and writes";
        }
        return use.modes().contains(Mode.WRITE) ? "writes" : use.modes().contains(Mode.READ) ? "reads" : "touches";
    }
}
