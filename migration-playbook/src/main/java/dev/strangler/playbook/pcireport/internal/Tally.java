package dev.strangler.playbook.pcireport.internal;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.PciScopeScan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Counts the card numbers of one place as a scanner meets them; keeps a few last digits and where, never a number. */
public final class Tally {

    private static final int KEEP = 5;
    private static final int MAX_FINGERPRINTS = 1_000_000;

    private final PciScopeScan.Source source;
    private final String component;
    private final String location;
    private final boolean allowedAfterCutover;
    private long occurrences;
    private final Set<Long> fingerprints = new HashSet<>();
    private boolean distinctCapped;
    private final Set<String> last4 = new LinkedHashSet<>();
    private final List<String> examples = new ArrayList<>();

    public Tally(PciScopeScan.Source source, String component, String location, boolean allowedAfterCutover) {
        this.source = source;
        this.component = component;
        this.location = location;
        this.allowedAfterCutover = allowedAfterCutover;
    }

    /** Counts {@code matches} found at {@code where} (a row key, an offset, a line number). */
    public void add(List<CardNumberScanner.Match> matches, String where) {
        if (matches.isEmpty()) {
            return;
        }
        occurrences += matches.size();
        for (CardNumberScanner.Match m : matches) {
            if (fingerprints.size() < MAX_FINGERPRINTS) {
                fingerprints.add(m.fingerprint());
            } else {
                distinctCapped = true;
            }
            if (last4.size() < KEEP) {
                last4.add(m.masked());
            }
        }
        String shown = CardNumberScanner.redact(where); // a row key may itself look like a card number
        if (examples.size() < KEEP && !examples.contains(shown)) {
            examples.add(shown);
        }
    }

    public boolean isEmpty() {
        return occurrences == 0;
    }

    public PciScopeScan.Finding finding() {
        long distinct = distinctCapped ? Math.max(fingerprints.size(), MAX_FINGERPRINTS) : fingerprints.size();
        return new PciScopeScan.Finding(source, component, location, occurrences, distinct, List.copyOf(last4),
                List.copyOf(examples), allowedAfterCutover);
    }
}
