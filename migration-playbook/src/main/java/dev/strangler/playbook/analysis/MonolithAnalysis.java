package dev.strangler.playbook.analysis;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.strangler.playbook.analysis.AnalysisReport.CardData;
import dev.strangler.playbook.analysis.AnalysisReport.Coupling;
import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.AnalysisReport.RuleStatus;
import dev.strangler.playbook.analysis.AnalysisReport.TableAccess;
import dev.strangler.playbook.analysis.AnalysisReport.Tangle;
import dev.strangler.playbook.analysis.internal.ClassImport;
import dev.strangler.playbook.analysis.internal.FrozenRule;
import dev.strangler.playbook.analysis.internal.Monolith;
import dev.strangler.playbook.analysis.internal.PackageDependencies;
import dev.strangler.playbook.analysis.internal.PackageDependencies.ClassPair;
import dev.strangler.playbook.analysis.internal.TableUses;
import dev.strangler.playbook.analysis.internal.Tangles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Analyses an application's compiled classes for the extraction of one capability, as an {@link AnalysisScope}
 * describes it (an extraction's descriptor, or the command line for any jar). It reads bytecode only (ArchUnit's
 * class importer, plus the parameter names and string constants of the class files), never the sources, so what it
 * reports is what runs: a comment can claim a tangle is gone, the bytecode cannot.
 */
public final class MonolithAnalysis {

    private MonolithAnalysis() {
    }

    /** How the coupling score is computed, as printed in the report. */
    public static String couplingDefinition(AnalysisScope scope) {
        String name = scope.name();
        String related = scope.relatedTables().isEmpty() ? ""
                : "; " + String.join(", ", scope.relatedTables()) + " reported but not scored (they stay)";
        return "score = inbound + outbound + " + name + " tables outside + other tables from " + name
                + ", where inbound = distinct (class outside " + name + " -> class in " + name + ") dependencies,"
                + " outbound = distinct (class in " + name + " -> other class of the application) dependencies, "
                + name + " tables outside = distinct (class outside " + name + ", table) pairs where the class reads,"
                + " writes or touches " + String.join(" or ", scope.tables()) + ", and other tables from " + name
                + " = distinct (class in " + name + ", table of another feature) pairs. A class is a top-level class"
                + " (nested classes count as their outer class); the generated jOOQ classes belong to no feature"
                + related + ". Lower is better: it falls as tangles are removed.";
    }

    /**
     * Analyses the classes at {@code classes} (a classes directory or a jar) for {@code scope}.
     *
     * @param freezeStore an ArchUnit freeze store, to compare today's violations of the frozen rule with what it
     *     recorded; null to skip
     */
    public static AnalysisReport analyse(Path classes, AnalysisScope scope, @Nullable Path freezeStore, Clock clock) {
        String root = scope.rootPackage() != null ? scope.rootPackage() : ClassImport.commonPackage(classes);
        AnalysisScope resolved = scope.withRoot(root);
        JavaClasses imported = ClassImport.of(classes, root);
        Monolith monolith = new Monolith(resolved, imported);
        if (imported.stream().noneMatch(c -> monolith.isCode(c) && monolith.inCapability(c))) {
            throw new IllegalArgumentException("no class of the packages " + String.join(", ", resolved.packages())
                    + " in " + classes + " (root package " + (root.isEmpty() ? "(none)" : root) + ")");
        }
        List<TableUses.Use> uses = TableUses.of(imported, monolith);
        Set<ClassPair> inbound = PackageDependencies.pairs(imported, monolith, true);
        Set<ClassPair> outbound = PackageDependencies.pairs(imported, monolith, false);
        List<CardData> cardData = resolved.cardData()
                ? dev.strangler.playbook.analysis.internal.CardData.find(imported, uses, monolith) : List.of();
        List<Tangle> tangles = Tangles.find(imported, uses, cardData, inbound, monolith);

        List<String> reported = resolved.reportedTables();
        List<TableAccess> accesses = uses.stream()
                .filter(u -> reported.contains(u.table())).map(u -> access(u, monolith)).toList();
        List<TableAccess> otherTables = uses.stream()
                .filter(u -> monolith.inCapability(u.owner()) && !monolith.ownedByCapability(u.table()))
                .map(u -> access(u, monolith)).toList();

        Map<String, Integer> violations = FrozenRule.violations(imported, monolith);
        String description = resolved.ruleDescription();
        FrozenRule.Stored stored = freezeStore == null ? null : FrozenRule.stored(freezeStore, description);
        RuleStatus rule = new RuleStatus(description,
                violations.values().stream().mapToInt(Integer::intValue).sum(),
                stored == null ? null : stored.violations(),
                stored == null ? null : stored.file().toAbsolutePath().normalize().toString(),
                violations);

        return new AnalysisReport(
                resolved.name(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                classes.toAbsolutePath().normalize().toString(),
                root,
                resolved.packages(),
                (int) imported.stream().filter(monolith::isCode).count(),
                resolved.tables(),
                resolved.relatedTables(),
                resolved.rules(),
                resolved.cardData(),
                accesses,
                otherTables,
                PackageDependencies.byPackage(inbound, monolith),
                PackageDependencies.byPackage(outbound, monolith),
                cardData,
                tangles,
                coupling(inbound, outbound, accesses, otherTables, monolith),
                rule);
    }

    private static Coupling coupling(Set<ClassPair> inbound, Set<ClassPair> outbound, List<TableAccess> accesses,
            List<TableAccess> other, Monolith monolith) {
        Map<String, Integer> byPackage = new TreeMap<>();
        inbound.forEach(p -> byPackage.merge(monolith.relative(p.fromPackage()), 1, Integer::sum));
        outbound.forEach(p -> byPackage.merge(monolith.relative(p.toPackage()), 1, Integer::sum));
        Set<String> outside = new TreeSet<>();
        accesses.stream().filter(a -> !a.insideCapability() && monolith.extracted(a.table()))
                .forEach(a -> {
                    if (outside.add(Monolith.topLevel(a.className()) + "|" + a.table())) {
                        byPackage.merge(a.pkg(), 1, Integer::sum);
                    }
                });
        Set<String> fromCapability = new TreeSet<>();
        other.forEach(a -> {
            if (fromCapability.add(Monolith.topLevel(a.className()) + "|" + a.table())) {
                byPackage.merge(monolith.owner(a.table()) + " (tables)", 1, Integer::sum);
            }
        });
        int score = inbound.size() + outbound.size() + outside.size() + fromCapability.size();
        return new Coupling(score, inbound.size(), outbound.size(), outside.size(), fromCapability.size(),
                couplingDefinition(monolith.scope()), byPackage);
    }

    private static TableAccess access(TableUses.Use u, Monolith monolith) {
        return new TableAccess(u.owner().getName(), u.member(), monolith.relative(u.owner().getPackageName()),
                u.table(), List.copyOf(u.modes().isEmpty() ? Set.of(Mode.TOUCH) : u.modes()),
                List.copyOf(u.columns()), List.copyOf(u.verbs()), List.copyOf(u.lines()),
                monolith.inCapability(u.owner()));
    }
}
