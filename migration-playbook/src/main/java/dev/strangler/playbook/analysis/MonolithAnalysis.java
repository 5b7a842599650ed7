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
 * Analyses the monolith's compiled classes for the extraction of payments. It reads bytecode only (ArchUnit's class
 * importer plus the parameter names of the class files), never the sources, so what it reports is what runs: a
 * comment can claim a tangle is gone, the bytecode cannot.
 */
public final class MonolithAnalysis {

    /** How the coupling score is computed, as printed in the report. */
    public static final String COUPLING_DEFINITION = "score = inbound + outbound + payment tables outside + other"
            + " tables from payments, where inbound = distinct (class outside payments -> class in payments)"
            + " dependencies, outbound = distinct (class in payments -> other monolith class) dependencies,"
            + " payment tables outside = distinct (class outside payments, table) pairs where the class reads, writes"
            + " or touches payments or payment_events, and other tables from payments = distinct (class in payments,"
            + " table of another feature) pairs. A class is a top-level class (nested classes count as their outer"
            + " class); the generated jOOQ classes belong to no feature; checkout_sagas is reported but not scored"
            + " (the saga stays with orders). Lower is better: it falls as tangles are removed.";

    private MonolithAnalysis() {
    }

    /**
     * Analyses the classes at {@code classes} (a classes directory or the monolith's jar).
     *
     * @param freezeStore the monolith's ArchUnit freeze store, to compare today's violations with what it
     *     recorded; null to skip
     */
    public static AnalysisReport analyse(Path classes, @Nullable Path freezeStore, Clock clock) {
        JavaClasses imported = ClassImport.of(classes);
        List<TableUses.Use> uses = TableUses.of(imported);
        Set<ClassPair> inbound = PackageDependencies.pairs(imported, true);
        Set<ClassPair> outbound = PackageDependencies.pairs(imported, false);
        List<CardData> cardData = dev.strangler.playbook.analysis.internal.CardData.find(imported, uses);
        List<Tangle> tangles = Tangles.find(imported, uses, cardData, inbound);

        List<TableAccess> paymentTableAccesses = uses.stream()
                .filter(u -> Monolith.PAYMENT_TABLES.contains(u.table())).map(MonolithAnalysis::access).toList();
        List<TableAccess> otherTablesFromPayments = uses.stream()
                .filter(u -> Monolith.inPayments(u.owner()) && !Monolith.owner(u.table()).equals("payments"))
                .map(MonolithAnalysis::access).toList();

        Map<String, Integer> violations = FrozenRule.violations(imported);
        FrozenRule.Stored stored = freezeStore == null ? null : FrozenRule.stored(freezeStore);
        RuleStatus rule = new RuleStatus(FrozenRule.DESCRIPTION,
                violations.values().stream().mapToInt(Integer::intValue).sum(),
                stored == null ? null : stored.violations(),
                stored == null ? null : stored.file().toAbsolutePath().normalize().toString(),
                violations);

        return new AnalysisReport(
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                classes.toAbsolutePath().normalize().toString(),
                (int) imported.stream().filter(Monolith::isCode).count(),
                Monolith.PAYMENT_TABLES,
                paymentTableAccesses,
                otherTablesFromPayments,
                PackageDependencies.byPackage(inbound),
                PackageDependencies.byPackage(outbound),
                cardData,
                tangles,
                coupling(inbound, outbound, paymentTableAccesses, otherTablesFromPayments),
                rule);
    }

    private static Coupling coupling(Set<ClassPair> inbound, Set<ClassPair> outbound, List<TableAccess> payment,
            List<TableAccess> other) {
        Map<String, Integer> byPackage = new TreeMap<>();
        inbound.forEach(p -> byPackage.merge(Monolith.relative(p.fromPackage()), 1, Integer::sum));
        outbound.forEach(p -> byPackage.merge(Monolith.relative(p.toPackage()), 1, Integer::sum));
        Set<String> outside = new TreeSet<>();
        payment.stream().filter(a -> !a.insidePayments() && Monolith.EXTRACTED_TABLES.contains(a.table()))
                .forEach(a -> {
                    if (outside.add(Monolith.topLevel(a.className()) + "|" + a.table())) {
                        byPackage.merge(a.pkg(), 1, Integer::sum);
                    }
                });
        Set<String> fromPayments = new TreeSet<>();
        other.forEach(a -> {
            if (fromPayments.add(Monolith.topLevel(a.className()) + "|" + a.table())) {
                byPackage.merge(Monolith.owner(a.table()) + " (tables)", 1, Integer::sum);
            }
        });
        int score = inbound.size() + outbound.size() + outside.size() + fromPayments.size();
        return new Coupling(score, inbound.size(), outbound.size(), outside.size(), fromPayments.size(),
                COUPLING_DEFINITION, byPackage);
    }

    private static TableAccess access(TableUses.Use u) {
        return new TableAccess(u.owner().getName(), u.member(), Monolith.relative(u.owner().getPackageName()),
                u.table(), List.copyOf(u.modes().isEmpty() ? Set.of(Mode.TOUCH) : u.modes()),
                List.copyOf(u.columns()), List.copyOf(u.verbs()), List.copyOf(u.lines()),
                Monolith.inPayments(u.owner()));
    }
}
