package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.strangler.playbook.analysis.AnalysisReport.PackageDependency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dependencies between the capability's packages and the rest of the application, from ArchUnit's class dependencies
 * (calls, field types, signatures, annotations, inheritance). Counted as distinct pairs of top-level classes, so that
 * a class that calls another ten times counts once; the generated jOOQ classes are left out (table uses are counted
 * apart).
 */
public final class PackageDependencies {

    /**
     * One class-level dependency across the capability's boundary.
     *
     * @param from the depending top-level class
     * @param to the top-level class depended on
     * @param fromPackage the depending class's package
     * @param toPackage the other class's package
     */
    public record ClassPair(String from, String to, String fromPackage, String toPackage) {
    }

    private PackageDependencies() {
    }

    /** Distinct class pairs from outside the capability into it ({@code inbound}) or out of it. */
    public static Set<ClassPair> pairs(JavaClasses classes, Monolith monolith, boolean inbound) {
        Set<ClassPair> pairs = new TreeSet<>(Comparator.comparing(ClassPair::from).thenComparing(ClassPair::to));
        for (JavaClass origin : classes) {
            if (!monolith.isCode(origin)) {
                continue;
            }
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                if (!monolith.isCode(target) || monolith.inCapability(origin) == monolith.inCapability(target)) {
                    continue;
                }
                if (monolith.inCapability(target) == inbound) {
                    pairs.add(new ClassPair(Monolith.topLevel(origin.getName()), Monolith.topLevel(target.getName()),
                            origin.getPackageName(), target.getPackageName()));
                }
            }
        }
        return pairs;
    }

    /** The pairs grouped by package pair, busiest first. */
    public static List<PackageDependency> byPackage(Set<ClassPair> pairs, Monolith monolith) {
        Map<String, Map<String, Set<String>>> grouped = new TreeMap<>();
        for (ClassPair p : pairs) {
            grouped.computeIfAbsent(monolith.relative(p.fromPackage()), k -> new TreeMap<>())
                    .computeIfAbsent(monolith.relative(p.toPackage()), k -> new TreeSet<>())
                    .add(Monolith.simple(p.from()) + " -> " + Monolith.simple(p.to()));
        }
        List<PackageDependency> result = new ArrayList<>();
        grouped.forEach((from, tos) -> tos.forEach((to, examples) ->
                result.add(new PackageDependency(from, to, examples.size(), List.copyOf(examples)))));
        result.sort(Comparator.comparingInt(PackageDependency::classPairs).reversed()
                .thenComparing(PackageDependency::from).thenComparing(PackageDependency::to));
        return result;
    }
}
