package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.strangler.playbook.analysis.AnalysisScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application being analysed, as the scope sees it: its root package, the capability's packages and tables,
 * which feature owns which table, and its generated jOOQ classes (found by their jOOQ superclasses, so any jOOQ
 * build is recognised). Everything else is read from the bytecode.
 */
public final class Monolith {

    private static final Set<String> JOOQ_TABLES = Set.of("org.jooq.impl.TableImpl");
    private static final Set<String> JOOQ_RECORDS = Set.of("org.jooq.impl.UpdatableRecordImpl",
            "org.jooq.impl.TableRecordImpl");

    private final AnalysisScope scope;
    private final String root;
    private final Set<String> generated;
    private final Set<String> features;

    /** The application of {@code classes} under {@code scope}, whose root package must be resolved. */
    public Monolith(AnalysisScope scope, JavaClasses classes) {
        this.scope = scope;
        this.root = scope.rootPackage() == null ? "" : scope.rootPackage();
        this.generated = generatedPackages(classes, root);
        this.features = new TreeSet<>(scope.packages().stream().map(this::feature).toList());
    }

    public AnalysisScope scope() {
        return scope;
    }

    public String root() {
        return root;
    }

    /** The feature that owns {@code table}: the descriptor's {@code table-owners}, the capability, or unknown. */
    public String owner(String table) {
        String owner = scope.tableOwners().get(table);
        if (owner != null) {
            return owner;
        }
        return scope.tables().contains(table) ? scope.name() : "unknown";
    }

    /** True for the capability's own tables: those that leave with it, and those its feature owns. */
    public boolean ownedByCapability(String table) {
        String owner = owner(table);
        return scope.tables().contains(table) || owner.equals(scope.name()) || features.contains(owner);
    }

    /** True for the tables that leave with the capability: the frozen rule and the coupling score count these. */
    public boolean extracted(String table) {
        return scope.tables().contains(table);
    }

    /** True for the application's own code: its packages, without the generated jOOQ classes. */
    public boolean isCode(JavaClass c) {
        String p = c.getPackageName();
        return inPackage(p, root) && !isGenerated(c);
    }

    /** A generated jOOQ class: a table, a record, or anything in their package ({@code Tables}, {@code Keys}). */
    public boolean isGenerated(JavaClass c) {
        return isTableClass(c) || isRecordClass(c)
                || generated.stream().anyMatch(g -> inPackage(c.getPackageName(), g));
    }

    public boolean inCapability(JavaClass c) {
        return inCapability(c.getPackageName());
    }

    public boolean inCapability(String pkg) {
        return scope.packages().stream().anyMatch(p -> inPackage(pkg, p));
    }

    /** True for the capability's {@code internal} packages ({@code invoices.internal} and below). */
    public boolean inCapabilityInternals(String pkg) {
        return scope.packages().stream().anyMatch(p -> inPackage(pkg, p + ".internal"));
    }

    /** True for {@code pkg} in {@code parent} or below; everything is in the empty package. */
    public static boolean inPackage(String pkg, String parent) {
        return parent.isEmpty() || pkg.equals(parent) || pkg.startsWith(parent + ".");
    }

    /** The package relative to the root: {@code orders.internal}, or {@code (root)}. */
    public String relative(String pkg) {
        return pkg.equals(root) ? "(root)" : !root.isEmpty() && pkg.startsWith(root + ".")
                ? pkg.substring(root.length() + 1) : pkg;
    }

    /** A class name relative to the root ({@code orders.Orders}). */
    public String shortName(String className) {
        return !root.isEmpty() && className.startsWith(root + ".") ? className.substring(root.length() + 1)
                : className;
    }

    /** The feature of a package: its first segment under the root ({@code orders} for orders.internal). */
    public String feature(String pkg) {
        String rel = relative(pkg);
        int dot = rel.indexOf('.');
        return dot < 0 ? rel : rel.substring(0, dot);
    }

    /** A generated jOOQ table class ({@code db.tables.Invoices}), not a record. */
    public static boolean isTableClass(JavaClass c) {
        return c.getRawSuperclass().map(s -> JOOQ_TABLES.contains(s.getName())).orElse(false);
    }

    /** A generated jOOQ record class ({@code db.tables.records.InvoicesRecord}). */
    public static boolean isRecordClass(JavaClass c) {
        return c.getRawSuperclass().map(s -> JOOQ_RECORDS.contains(s.getName())).orElse(false);
    }

    /**
     * The packages of the generated jOOQ code: the parent of each package of table classes named {@code tables} (which
     * holds {@code Tables}, {@code Keys}, the schema), else that package itself; never the root or a package above it.
     */
    private static Set<String> generatedPackages(JavaClasses classes, String root) {
        Set<String> packages = new TreeSet<>();
        classes.stream().filter(Monolith::isTableClass).forEach(t -> {
            String pkg = t.getPackageName();
            String parent = pkg.endsWith(".tables") ? pkg.substring(0, pkg.length() - ".tables".length()) : pkg;
            if (!parent.equals(root) && inPackage(parent, root)) {
                packages.add(parent);
            } else if (!pkg.equals(root) && inPackage(pkg, root)) {
                packages.add(pkg);
            }
        });
        return packages;
    }

    /** The SQL name of a generated table or record class: {@code InvoiceLines} is {@code invoice_lines}. */
    public static String tableName(JavaClass c) {
        String simple = c.getSimpleName();
        if (isRecordClass(c) && simple.endsWith("Record")) {
            simple = simple.substring(0, simple.length() - "Record".length());
        }
        return snake(simple);
    }

    /** {@code InvoiceLines} and {@code orderId} become {@code invoice_lines} and {@code order_id}. */
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
