package dev.strangler.playbook.analysis;

import dev.strangler.extraction.AnalysisSpec;
import dev.strangler.extraction.Extraction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one analysis looks for: the capability to extract (its packages and the tables that leave with it) inside an
 * application's classes. It comes from an extraction's descriptor ({@code analysis:} of
 * {@code extractions/<name>.yaml}) or from the command line for any jar, so that no domain is named in the
 * analysis's code.
 *
 * @param name the extraction's name: it names the reports ({@code analysis-<name>.md}) and the frozen rule
 * @param rootPackage the application's code (classes outside it are libraries); null: the common package of the
 *     classes read
 * @param packages the capability's packages (with their sub-packages)
 * @param tables the tables that leave with the capability: scored, and counted by the frozen rule
 * @param relatedTables tables reported with them that stay behind (not scored)
 * @param tableOwners which feature (first package segment under the root) owns each table; the capability's
 *     tables are its own without saying so
 * @param rules what must hold once the capability is gone, in words, printed in the report
 * @param cardData whether to look for card numbers (PANs): the descriptor's {@code scope.sensitive-data} says
 *     {@code card-numbers}
 */
public record AnalysisScope(String name, @Nullable String rootPackage, List<String> packages, List<String> tables,
        List<String> relatedTables, Map<String, String> tableOwners, List<String> rules, boolean cardData) {

    /** The {@code scope.sensitive-data} value that turns the card-data search on. */
    public static final String CARD_NUMBERS = "card-numbers";

    public AnalysisScope {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an analysis needs a name: it names its reports");
        }
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("an analysis needs at least one package of the capability");
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("an analysis needs at least one table that leaves with the capability");
        }
        if (rootPackage != null) {
            for (String p : packages) {
                if (!rootPackage.isEmpty() && !p.equals(rootPackage) && !p.startsWith(rootPackage + ".")) {
                    throw new IllegalArgumentException("package " + p + " is not in the root package " + rootPackage);
                }
            }
        }
        packages = List.copyOf(packages);
        tables = List.copyOf(tables);
        relatedTables = List.copyOf(relatedTables);
        tableOwners = Map.copyOf(tableOwners);
        rules = List.copyOf(rules);
    }

    /** The scope an extraction's descriptor gives; refused when it has no {@code analysis:} section. */
    public static AnalysisScope of(Extraction extraction) {
        AnalysisSpec spec = extraction.analysis();
        if (spec == null) {
            throw new IllegalArgumentException("the extraction '" + extraction.name() + "' (" + extraction.file()
                    + ") has no analysis: section: add its packages and tables (extractions/README.md)");
        }
        boolean cards = extraction.scope() != null && CARD_NUMBERS.equals(extraction.scope().sensitiveData());
        return new AnalysisScope(extraction.name(), spec.rootPackage().isBlank() ? null : spec.rootPackage(),
                spec.packages(), spec.tables(), spec.relatedTables(), spec.tableOwners(), spec.rules(), cards);
    }

    /**
     * A scope given on the command line, for a jar without a descriptor: the tables are the capability's own, every
     * other table belongs to no known feature.
     *
     * @param name the reports' name; null: the last segment of the first package ({@code billing})
     */
    public static AnalysisScope adHoc(@Nullable String name, @Nullable String rootPackage, List<String> packages,
            List<String> tables, boolean cardData) {
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("--packages names at least one package of the capability");
        }
        String first = packages.getFirst();
        String named = name != null ? name : fileName(first.substring(first.lastIndexOf('.') + 1));
        Map<String, String> owners = new LinkedHashMap<>();
        tables.forEach(t -> owners.put(t, named));
        return new AnalysisScope(named, rootPackage, packages, tables, List.of(), owners,
                List.of("no code outside the capability's packages reads or writes its tables"), cardData);
    }

    /** This scope with its root package resolved. */
    public AnalysisScope withRoot(String root) {
        return new AnalysisScope(name, root, packages, tables, relatedTables, tableOwners, rules, cardData);
    }

    /** Every table the report lists uses of: the capability's, then the related ones. */
    public List<String> reportedTables() {
        List<String> all = new ArrayList<>(tables);
        relatedTables.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return List.copyOf(all);
    }

    /**
     * The monolith's frozen rule for this capability, worded as its {@code ArchitectureTests} names it, so that the
     * freeze store's record is found: {@code only the invoices package touches invoice tables}.
     */
    public String ruleDescription() {
        List<String> relative = packages.stream().map(this::relative).toList();
        return "only the " + String.join(", ", relative) + (relative.size() == 1 ? " package touches " : " packages touch ")
                + singular(name) + " tables";
    }

    private String relative(String pkg) {
        String root = rootPackage == null ? "" : rootPackage;
        return pkg.equals(root) ? "(root)" : !root.isEmpty() && pkg.startsWith(root + ".")
                ? pkg.substring(root.length() + 1) : pkg;
    }

    /** {@code invoices} -> {@code invoice}, as English speaks of "invoice tables". */
    static String singular(String name) {
        return name.endsWith("s") && !name.endsWith("ss") && name.length() > 1
                ? name.substring(0, name.length() - 1) : name;
    }

    /** A name usable in a file name: lower case letters, digits and dashes. */
    static String fileName(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "analysis" : s;
    }
}
