package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the analysis knows about the monolith's layout: its packages, its generated jOOQ classes and which feature
 * owns which table. Everything else is read from the bytecode.
 */
public final class Monolith {

    public static final String ROOT = "dev.strangler.legacy";
    public static final String PAYMENTS = ROOT + ".payments";
    public static final String DB = ROOT + ".db";
    public static final String TABLES = DB + ".tables";
    public static final String RECORDS = TABLES + ".records";

    /** The tables of the payment flow, reported everywhere. */
    public static final List<String> PAYMENT_TABLES = List.of("payments", "payment_events", "checkout_sagas");

    /**
     * The tables that leave with the extraction: the frozen rule and the coupling score count these. The checkout
     * saga stays in the monolith (it is the orders side of a remote payment), so it is reported but not scored.
     */
    public static final Set<String> EXTRACTED_TABLES = Set.of("payments", "payment_events");

    /** Which feature owns each table; a table missing here belongs to nobody, i.e. to no one in payments. */
    static final Map<String, String> OWNERS = Map.of(
            "payments", "payments", "payment_events", "payments",
            "checkout_sagas", "orders", "orders", "orders", "order_lines", "orders",
            "customers", "customers", "products", "catalog", "inventory", "catalog");

    private Monolith() {
    }

    /** The feature that owns {@code table}, or {@code unknown}. */
    public static String owner(String table) {
        return OWNERS.getOrDefault(table, "unknown");
    }

    /** True for the monolith's own code: its packages, without the generated jOOQ classes. */
    public static boolean isCode(JavaClass c) {
        String p = c.getPackageName();
        return (p.equals(ROOT) || p.startsWith(ROOT + ".")) && !inPackage(p, DB);
    }

    public static boolean inPayments(JavaClass c) {
        return inPackage(c.getPackageName(), PAYMENTS);
    }

    public static boolean inPackage(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The package relative to the monolith's root: {@code orders.internal}, or {@code (root)}. */
    public static String relative(String pkg) {
        return pkg.equals(ROOT) ? "(root)" : pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : pkg;
    }

    /** The feature of a package: its first segment under the root ({@code orders} for orders.internal). */
    public static String feature(String pkg) {
        String rel = relative(pkg);
        int dot = rel.indexOf('.');
        return dot < 0 ? rel : rel.substring(0, dot);
    }

    /** A generated table class ({@code db.tables.Payments}), not a record. */
    public static boolean isTableClass(JavaClass c) {
        return c.getPackageName().equals(TABLES);
    }

    /** A generated record class ({@code db.tables.records.PaymentsRecord}). */
    public static boolean isRecordClass(JavaClass c) {
        return c.getPackageName().equals(RECORDS) && c.getSimpleName().endsWith("Record");
    }

    /** The SQL name of a generated table or record class: {@code PaymentEvents} is {@code payment_events}. */
    public static String tableName(JavaClass c) {
        String simple = c.getSimpleName();
        if (isRecordClass(c)) {
            simple = simple.substring(0, simple.length() - "Record".length());
        }
        return snake(simple);
    }

    /** {@code PaymentEvents} and {@code orderId} become {@code payment_events} and {@code order_id}. */
    public static String snake(String camel) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                s.append('_');
            }
            s.append(Character.toLowerCase(ch));
        }
        return s.toString();
    }

    /** The top-level class of a possibly nested class name. */
    public static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /** The class name without its package. */
    public static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The lower-case words of an identifier: {@code TEST_PANS} -> [test, pans], {@code cardLast4} -> [card, last4]. */
    public static List<String> words(String identifier) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < identifier.length(); i++) {
            char ch = identifier.charAt(i);
            boolean boundary = ch == '_' || ch == '$'
                    || Character.isUpperCase(ch) && i > 0 && Character.isLowerCase(identifier.charAt(i - 1));
            if (boundary && !word.isEmpty()) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
            }
            if (ch != '_' && ch != '$') {
                word.append(ch);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** True for names that say card or PAN: {@code cardNumber}, {@code card}, {@code TEST_PANS}, {@code cardLast4}. */
    public static boolean namesCard(String identifier) {
        List<String> words = words(identifier);
        return words.contains("card") || words.contains("pan") || words.contains("pans");
    }

    /** True for card names that promise only the last four digits: {@code cardLast4}, {@code LAST_CARD_LAST4}. */
    public static boolean namesMaskedCard(String identifier) {
        return namesCard(identifier) && words(identifier).stream().anyMatch(w -> w.equals("last4"));
    }
}
