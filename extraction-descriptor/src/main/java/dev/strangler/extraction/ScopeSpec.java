package dev.strangler.extraction;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Where sensitive data may be, for the scope scan (card numbers for the payments extraction). */
public record ScopeSpec(String sensitiveData, List<Database> databases, List<ByDesign> byDesign) {

    public ScopeSpec {
        databases = List.copyOf(databases);
        byDesign = List.copyOf(byDesign);
    }

    /**
     * @param readers other components reading a table, in scope with it ({@code payments -> cdc-bridge})
     */
    public record Database(String database, String component, String owner, @Nullable String vaultTable,
                           Map<String, String> readers) {

        public Database {
            readers = Map.copyOf(readers);
        }
    }

    /** A component handling the data on purpose. */
    public record ByDesign(String component, String where, String why) {
    }
}
