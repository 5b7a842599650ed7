package dev.strangler.cdc;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.TablePair;
import dev.strangler.support.settings.MissingSetting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The table pairs this bridge keeps in step, read from the extraction descriptors: those named in
 * {@code bridge.pairs}, or every pair whose two databases are configured. A descriptor that does not validate, or a
 * named pair the bridge cannot serve, stops the start with the reason: nothing runs half-configured.
 */
final class ServedPairs {

    /** A table pair and the extraction that describes it. */
    record Served(Extraction extraction, TablePair pair) {
    }

    private final List<Served> pairs;

    private ServedPairs(List<Served> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    static ServedPairs of(BridgeProperties properties) {
        Extractions extractions = Extractions.load(properties.extractions());
        Set<String> configured = properties.databases().keySet();
        List<Served> served = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>(properties.pairs());
        boolean every = named.isEmpty();
        for (Extractions.Owned<TablePair> owned : extractions.tablePairs()) {
            Extraction e = owned.extraction();
            TablePair pair = owned.part();
            boolean reachable = configured.contains(e.legacy().database())
                    && configured.contains(e.extracted().database());
            if (every ? reachable : named.remove(pair.name())) {
                if (!reachable) {
                    throw new IllegalStateException("table pair '" + pair.name() + "' of extraction '" + e.name()
                            + "' needs databases '" + e.legacy().database() + "' and '" + e.extracted().database()
                            + "': configure bridge.databases." + e.legacy().database() + ".* and bridge.databases."
                            + e.extracted().database() + ".*");
                }
                served.add(new Served(e, pair));
            }
        }
        if (!named.isEmpty()) {
            throw new IllegalStateException("bridge.pairs names " + named + ", which no descriptor in "
                    + properties.extractions().toAbsolutePath() + " describes");
        }
        if (served.isEmpty()) {
            throw new MissingSetting("bridge.databases.<name>.host", "is not set for the databases the descriptors"
                    + " in " + properties.extractions().toAbsolutePath() + " name, " + databases(extractions)
                    + " (configured: " + configured + "): no table pair to serve. Set host, port, database and user"
                    + " of both databases of each pair to serve");
        }
        return new ServedPairs(served);
    }

    private static Set<String> databases(Extractions extractions) {
        Set<String> names = new LinkedHashSet<>();
        for (Extraction e : extractions.all()) {
            names.add(e.legacy().database());
            names.add(e.extracted().database());
        }
        return names;
    }

    List<Served> all() {
        return pairs;
    }

    /** Every database a served pair reads or writes. */
    Set<String> databases() {
        Set<String> names = new LinkedHashSet<>();
        for (Served s : pairs) {
            names.add(s.extraction().legacy().database());
            names.add(s.extraction().extracted().database());
        }
        return names;
    }

    List<Extraction> extractions() {
        return pairs.stream().map(Served::extraction).distinct().toList();
    }
}
