package dev.strangler.playbook.analysis.internal;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The monolith's frozen ArchUnit rule "only the capability's packages touch its tables" ({@code only the invoices
 * package touches invoice tables}), measured the way the monolith's {@code ArchitectureTests} measures it, so that
 * the counts agree with its freeze store.
 *
 * <p>The monolith wraps the rule in {@code FreezingArchRule}: its {@code archunit_store} holds
 * {@code stored.rules} (a properties file: rule description = store file id) and one file per rule with one
 * recorded violation per line. ArchUnit accepts the recorded violations, fails on new ones and drops the ones that
 * are gone, so the store shrinks as the migration removes tangles. The rule checks every class outside the
 * capability's packages and the generated jOOQ code; each dependency on, and each field access whose type is, one of
 * the generated classes (tables and records) of the capability's tables is one violation. An application without
 * jOOQ has none: its SQL text is outside what an ArchUnit rule sees.
 */
public final class FrozenRule {

    /** What the rule's store recorded. */
    public record Stored(int violations, Path file) {
    }

    private FrozenRule() {
    }

    /** Today's violations per class (classes without any are left out). */
    public static Map<String, Integer> violations(JavaClasses classes, Monolith monolith) {
        Set<String> tableClasses = classes.stream()
                .filter(c -> (Monolith.isTableClass(c) || Monolith.isRecordClass(c))
                        && monolith.extracted(Monolith.tableName(c)))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Map<String, Integer> byClass = new TreeMap<>();
        classes.stream()
                .filter(c -> Monolith.inPackage(c.getPackageName(), monolith.root()) && !monolith.inCapability(c)
                        && !monolith.isGenerated(c))
                .forEach(c -> {
                    int n = count(c, tableClasses);
                    if (n > 0) {
                        byClass.put(c.getName(), n);
                    }
                });
        return byClass;
    }

    private static int count(JavaClass c, Set<String> tableClasses) {
        long dependencies = c.getDirectDependenciesFromSelf().stream()
                .filter(d -> tableClasses.contains(d.getTargetClass().getName()))
                .count();
        long fieldAccesses = c.getFieldAccessesFromSelf().stream()
                .filter(a -> tableClasses.contains(a.getTarget().getRawType().getName()))
                .count();
        return Math.toIntExact(dependencies + fieldAccesses);
    }

    /** The violations recorded for the rule {@code description} in the freeze store at {@code storeDir}, or null. */
    public static @Nullable Stored stored(Path storeDir, String description) {
        Path rules = storeDir.resolve("stored.rules");
        if (!Files.isRegularFile(rules)) {
            return null;
        }
        try {
            Properties stored = new Properties();
            try (Reader in = Files.newBufferedReader(rules, StandardCharsets.UTF_8)) {
                stored.load(in);
            }
            String id = stored.getProperty(description);
            if (id == null) {
                return null;
            }
            Path file = storeDir.resolve(id.trim());
            int violations = Files.isRegularFile(file)
                    ? (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count()
                    : 0;
            return new Stored(violations, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the freeze store " + storeDir, e);
        }
    }
}
