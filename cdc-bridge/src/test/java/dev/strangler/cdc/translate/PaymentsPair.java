package dev.strangler.cdc.translate;

import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.TablePair;
import java.nio.file.Path;

/** The table pair of the repository's {@code extractions/payments.yaml}, for tests of the generic parts. */
public final class PaymentsPair {

    private static final TablePair PAIR = Extractions.load(Path.of("..", "extractions")).get("payments")
            .table("payments").orElseThrow();
    private static final ChangeShape SHAPE = ChangeShape.of(PAIR);

    private PaymentsPair() {
    }

    public static TablePair pair() {
        return PAIR;
    }

    public static ChangeShape shape() {
        return SHAPE;
    }
}
