package dev.strangler.playbook.analysis;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the analysis of an application's bytecode found about one capability to extract (an extraction): who uses its
 * tables, which packages depend on its code (both ways), where card data goes (when the extraction looks for it), the
 * tangles, a coupling score and the frozen rule's violations. It is written as {@code reports/analysis-<name>.json}
 * as is, so its shape is a contract for the playbook's gates.
 *
 * @param extraction the extraction's name ({@code invoices}, or the name given with {@code --jar})
 * @param generatedAt when the analysis ran (ISO-8601)
 * @param source the classes directory or jar that was read
 * @param rootPackage the application's root package; packages in this report are relative to it
 * @param packages the capability's packages (full names)
 * @param classes how many classes of the application were analysed (generated jOOQ classes excluded)
 * @param tables the tables that leave with the capability (scored)
 * @param relatedTables tables reported with them that stay behind (not scored)
 * @param rules what must hold once the capability is gone, as the descriptor words it
 * @param cardDataSearched whether card data was looked for (the extraction's sensitive data is card numbers)
 * @param tableAccesses every use of a table of {@code tables} or {@code relatedTables}, anywhere in the application,
 *     one per class, member and table
 * @param otherTablesFromCapability uses of other features' tables by the capability's code
 * @param inbound package dependencies into the capability's packages (class pairs per package pair)
 * @param outbound package dependencies from the capability's packages to the rest of the application
 * @param cardData code and columns that handle card numbers; empty unless {@code cardDataSearched}
 * @param tangles the couplings a migration has to undo, found from bytecode evidence
 * @param coupling the coupling score and its parts
 * @param rule today's violations of the frozen rule "only the capability's packages touch its tables"
 */
public record AnalysisReport(
        String extraction,
        String generatedAt,
        String source,
        String rootPackage,
        List<String> packages,
        int classes,
        List<String> tables,
        List<String> relatedTables,
        List<String> rules,
        boolean cardDataSearched,
        List<TableAccess> tableAccesses,
        List<TableAccess> otherTablesFromCapability,
        List<PackageDependency> inbound,
        List<PackageDependency> outbound,
        List<CardData> cardData,
        List<Tangle> tangles,
        Coupling coupling,
        RuleStatus rule) {

    /** How code uses a table: reads it, writes it, or uses it in a way the analysis cannot tell ({@code TOUCH}). */
    public enum Mode { READ, WRITE, TOUCH }

    /**
     * One class member's use of one table.
     *
     * @param className the class (nested classes keep their {@code $} name)
     * @param member the method, {@code <init>} or {@code <clinit>} (lambdas count as their enclosing method)
     * @param pkg the package relative to the monolith's root package ({@code orders.internal}, {@code (root)})
     * @param table the table's SQL name
     * @param modes READ and/or WRITE, or TOUCH alone when neither could be told
     * @param columns the columns named (SQL names), sorted
     * @param verbs the jOOQ calls or SQL statements that decided the modes ({@code update}, {@code select},
     *     {@code sql insert}, ...), sorted
     * @param lines source lines of the references, sorted
     * @param insideCapability true when the class is in the capability's packages
     */
    public record TableAccess(String className, String member, String pkg, String table, List<Mode> modes,
            List<String> columns, List<String> verbs, List<Integer> lines, boolean insideCapability) {

        public boolean reads() {
            return modes.contains(Mode.READ);
        }

        public boolean writes() {
            return modes.contains(Mode.WRITE);
        }
    }

    /**
     * Dependencies from one package to another, counted as distinct pairs of top-level classes.
     *
     * @param from the depending package (relative name)
     * @param to the package depended on
     * @param classPairs how many distinct (class, class) pairs
     * @param examples the pairs, {@code RevenueReport -> Billing}, sorted
     */
    public record PackageDependency(String from, String to, int classPairs, List<String> examples) {
    }

    /** What kind of card-data evidence a {@link CardData} entry is. */
    public enum CardDataKind {
        /** A column of a generated jOOQ table whose name says card or PAN. */
        COLUMN,
        /** Code that reads or writes such a column. */
        COLUMN_USE,
        /** Code that inserts or selects whole rows of a table holding card numbers without naming its columns. */
        WHOLE_ROWS,
        /** The PAN value type, or code whose signature or calls involve it. */
        PAN_TYPE,
        /** A field (or record component) named like card or PAN. */
        FIELD,
        /** A method or constructor parameter named like card or PAN. */
        PARAMETER,
        /** A call to a monolith method named like card or PAN that returns text ({@code request.cardNumber()}). */
        CALL
    }

    /**
     * A place that handles card data.
     *
     * @param kind what the evidence is
     * @param className the class
     * @param member the field, method or column ({@code invoices.card_number})
     * @param detail what exactly was found
     * @param insideCapability true when the class is in the capability's packages (or is one of its tables)
     * @param masked true when the name says only the last four digits are held ({@code cardLast4})
     */
    public record CardData(CardDataKind kind, String className, String member, String detail,
            boolean insideCapability, boolean masked) {
    }

    /** The kinds of tangle the analysis recognises in bytecode. */
    public enum TangleKind {
        /** Code outside the capability reads its tables. */
        READS_CAPABILITY_TABLES,
        /** Code outside the capability writes its tables. */
        WRITES_CAPABILITY_TABLES,
        /** Code outside the capability uses its tables in a way the analysis cannot call read or write. */
        TOUCHES_CAPABILITY_TABLES,
        /** One method outside the capability reads its tables together with other features' tables (a join). */
        QUERIES_CAPABILITY_WITH_OTHER_TABLES,
        /** Code outside the capability reads or writes card numbers in its tables (when card data is looked for). */
        CARD_NUMBERS_OUTSIDE_CAPABILITY,
        /** A transaction outside the capability calls its code, so both must commit together. */
        CAPABILITY_CALL_IN_TRANSACTION,
        /** The capability's code reads or writes tables of other features. */
        CAPABILITY_USES_OTHER_TABLES,
        /** Code outside the capability depends on its {@code internal} packages. */
        REACHES_INTO_CAPABILITY_INTERNALS
    }

    /**
     * A coupling that stands in the way of the extraction.
     *
     * @param kind what kind
     * @param className where
     * @param member the member, when the evidence is one member
     * @param pkg the package, relative
     * @param tables the tables involved, sorted
     * @param evidence what the bytecode shows, in words
     */
    public record Tangle(TangleKind kind, String className, String member, String pkg, List<String> tables,
            String evidence) {
    }

    /**
     * The coupling score: the sum of its four parts, each a count of distinct pairs (see {@link #definition}).
     *
     * @param score the sum
     * @param inbound distinct (class outside the capability, class in it) dependency pairs
     * @param outbound distinct (class in the capability, other class of the application) dependency pairs
     * @param capabilityTablesOutside distinct (class outside the capability, table of {@code tables}) pairs
     * @param otherTablesFromCapability distinct (class in the capability, other feature's table) pairs
     * @param definition the definition in words, as printed in the report
     * @param byPackage each package's share of the score (a pair counts for the side that is not the capability)
     */
    public record Coupling(int score, int inbound, int outbound, int capabilityTablesOutside,
            int otherTablesFromCapability, String definition, Map<String, Integer> byPackage) {
    }

    /**
     * The frozen ArchUnit rule "only the capability's packages touch its tables", measured today on the generated
     * jOOQ classes of its tables, as an ArchUnit rule sees them (SQL text is invisible to ArchUnit: such uses are in
     * {@code tableAccesses}, the tangles and the coupling score, not here).
     *
     * @param rule the rule's description, as the monolith's {@code ArchitectureTests} names it
     * @param violations violations in the analysed classes, counted as ArchUnit counts them
     * @param frozen violations recorded in the monolith's freeze store, or null when no store was found
     * @param store the store file that was read, or null
     * @param byClass violations per class
     */
    public record RuleStatus(String rule, int violations, @Nullable Integer frozen, @Nullable String store,
            Map<String, Integer> byClass) {
    }
}
