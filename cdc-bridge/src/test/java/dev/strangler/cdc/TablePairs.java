package dev.strangler.cdc;

import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.ReconcileSpec;
import dev.strangler.extraction.TablePair;
import java.nio.file.Path;

/** Table pairs of the repository's descriptors, for tests that need one with a chunk size of their own. */
final class TablePairs {

    /** The repository's {@code extractions/} directory (the tests run in the module's directory). */
    static final Path REPOSITORY = Path.of("..", "extractions").toAbsolutePath().normalize();

    private TablePairs() {
    }

    /** The table pair {@code name} of the descriptors in {@code directory}, in chunks of {@code chunkSize}. */
    static TablePair load(Path directory, String name, int chunkSize) {
        TablePair p = Extractions.load(directory).tablePairs().stream().map(Extractions.Owned::part)
                .filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table pair '" + name + "' in " + directory));
        return withChunkSize(p, chunkSize);
    }

    static TablePair withChunkSize(TablePair p, int chunkSize) {
        ReconcileSpec r = p.reconcile();
        return new TablePair(p.name(), p.record(), p.ownerRoute(), p.conflict(), p.legacy(), p.extracted(),
                p.fields(), new ReconcileSpec(r.fields(), r.tolerance(), chunkSize, r.settleSeconds()));
    }
}
