package dev.strangler.playbook.analysis;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the analysis of the monolith's bytecode found about payments: who uses the payment tables, which packages
 * depend on payment code, where card data goes, the tangles, a coupling score and the frozen rule's violations.
 * It is written as {@code reports/analysis.json} as is, so its shape is a contract for the playbook's gates.
 *
 * @param generatedAt when the analysis ran (ISO-8601)
 * @param source the classes directory or jar that was read
 * @param classes how many classes of the monolith were analysed (generated jOOQ classes excluded)
 * @param paymentTables the tables the analysis calls payment tables
 * @param tableAccesses every use of a payment table, anywhere in the monolith, one per class, member and table
 * @param otherTablesFromPayments uses of other features' tables by the payments package
 * @param inbound package dependencies into the payments package (class pairs per package pair)
 * @param outbound package dependencies from the payments package to the rest of the monolith
 * @param cardData code and columns that handle card numbers
 * @param tangles the couplings a migration has to undo, found from bytecode evidence
 * @param coupling the coupling score and its parts
 * @param rule today's violations of the frozen rule "only the payments package touches payment tables"
 */
public record AnalysisReport(
        String generatedAt,
        String source,
        int classes,
        List<String> paymentTables,
        List<TableAccess> tableAccesses,
        List<TableAccess> otherTablesFromPayments,
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
     * @param verbs the jOOQ calls that decided the modes ({@code update}, {@code select}, ...), sorted
     * @param lines source lines of the references, sorted
     * @param insidePayments true when the class is in the payments package
     */
    public record TableAccess(String className, String member, String pkg, String table, List<Mode> modes,
            List<String> columns, List<String> verbs, List<Integer> lines, boolean insidePayments) {

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
     * @param examples the pairs, {@code Orders -> PaymentProcessing}, sorted
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
     * @param member the field, method or column ({@code payments.card_number})
     * @param detail what exactly was found
     * @param insidePayments true when the class is in the payments package (or is the table itself)
     * @param masked true when the name says only the last four digits are held ({@code cardLast4})
     */
    public record CardData(CardDataKind kind, String className, String member, String detail,
            boolean insidePayments, boolean masked) {
    }

    /** The kinds of tangle the analysis recognises in bytecode. */
    public enum TangleKind {
        /** Code outside payments reads payments or payment_events. */
        READS_PAYMENT_TABLES,
        /** Code outside payments writes payments or payment_events. */
        WRITES_PAYMENT_TABLES,
        /** Code outside payments uses payments or payment_events in a way the analysis cannot call read or write. */
        TOUCHES_PAYMENT_TABLES,
        /** One method outside payments reads payment tables together with other features' tables (a join). */
        QUERIES_PAYMENTS_WITH_OTHER_TABLES,
        /** Code outside payments reads or writes card numbers in the payment tables. */
        CARD_NUMBERS_OUTSIDE_PAYMENTS,
        /** A transaction outside payments calls payment code, so both must commit together. */
        PAYMENT_CALL_IN_TRANSACTION,
        /** The payments package reads or writes tables of other features. */
        PAYMENTS_USES_OTHER_TABLES,
        /** Code outside payments depends on the payments package's internals. */
        REACHES_INTO_PAYMENTS_INTERNALS
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
     * @param inbound distinct (class outside payments, class in payments) dependency pairs
     * @param outbound distinct (class in payments, other monolith class) dependency pairs
     * @param paymentTablesOutside distinct (class outside payments, payment table) pairs, counting payments and
     *     payment_events
     * @param otherTablesFromPayments distinct (class in payments, other feature's table) pairs
     * @param definition the definition in words, as printed in the report
     * @param byPackage each package's share of the score (both ends of a pair count for the non-payments side)
     */
    public record Coupling(int score, int inbound, int outbound, int paymentTablesOutside, int otherTablesFromPayments,
            String definition, Map<String, Integer> byPackage) {
    }

    /**
     * The frozen ArchUnit rule of the monolith, measured today.
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
