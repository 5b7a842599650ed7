package dev.strangler.extraction;

import java.util.List;
import java.util.Map;

/**
 * What the monolith analysis looks at.
 *
 * @param rootPackage   the monolith's code (classes outside it are libraries)
 * @param packages      the capability's code
 * @param tables        the tables that leave with the capability
 * @param relatedTables tables reported with it that stay in the monolith
 * @param tableOwners   which feature of the monolith owns each table, for the coupling report
 * @param rules         what must hold once the capability is gone, in words for the report
 */
public record AnalysisSpec(String rootPackage, List<String> packages, List<String> tables, List<String> relatedTables,
                           Map<String, String> tableOwners, List<String> rules) {

    public AnalysisSpec {
        packages = List.copyOf(packages);
        tables = List.copyOf(tables);
        relatedTables = List.copyOf(relatedTables);
        tableOwners = Map.copyOf(tableOwners);
        rules = List.copyOf(rules);
    }
}
