package dev.strangler.playbook.pcireport;

import dev.strangler.lab.pan.CardNumberScanner;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One scan of the lab for card numbers: what was found where, what holds card data by design, which processes that
 * puts in the PCI scope, and what was scanned (or could not be). This is also the JSON of the report and of the
 * baseline. It holds no card number: places, counts and last four digits only. Every name in it (the lab's path, a log
 * file's, a topic's, a table's, an error message) comes from outside and may hold a run of digits that looks like a
 * card number: a temporary directory's random digits pass the Luhn check one time in ten, and a file or topic named
 * after a real card is card data. Nothing can tell the two apart, so the records mask such runs as the report masks a
 * card number ({@code ****1111}), and the report then needs no exception for its own names.
 *
 * @param scannedAt   ISO-8601 instant
 * @param lab         the lab directory the scan looked at
 * @param findings    every place where card numbers were found in clear
 * @param byDesign    places and processes that handle card data on purpose (the vault, the bridge's capture)
 * @param processes   the processes in scope, with the evidence that puts each there
 * @param coverage    how much was scanned
 * @param unscanned   sources that could not be scanned, with the reason: the evidence is incomplete without them
 */
public record PciScopeScan(String scannedAt, String lab, List<Finding> findings, List<ByDesign> byDesign,
        List<ProcessInScope> processes, Coverage coverage, List<Unscanned> unscanned) {

    public PciScopeScan {
        lab = masked(lab);
        findings = List.copyOf(findings);
        byDesign = List.copyOf(byDesign);
        processes = List.copyOf(processes);
        unscanned = List.copyOf(unscanned);
    }

    /** What kind of place: a column read through queries, a topic, a log file, or a database server's files. */
    public enum Source {
        DATABASE, KAFKA_TOPIC, LOG_FILE, DATA_FILE
    }

    /**
     * Card numbers in clear at one place.
     *
     * @param component           the lab component that holds the place ({@code legacy-db}, {@code kafka}, the log's writer)
     * @param location            {@code shop.public.payments.card_number}, a topic name, {@code logs/legacy-monolith.log},
     *                            a group of a database server's files ({@code pg_wal}, {@code base (table public.payments)})
     * @param occurrences         card numbers found (a row or record with two counts twice)
     * @param distinctCards       different card numbers among them
     * @param last4               a few of their last four digits, masked ({@code ****4242})
     * @param examples            where exactly, a few of them: row keys, partition and offset, line numbers
     * @param allowedAfterCutover inside the payment service's vault: the only place a card number may stay
     */
    public record Finding(Source source, String component, String location, long occurrences, long distinctCards,
            List<String> last4, List<String> examples, boolean allowedAfterCutover) {

        public Finding {
            component = masked(component);
            location = masked(location);
            last4 = List.copyOf(last4);
            examples = masked(examples);
        }

        /** The key that pairs a finding of the baseline with one of a later scan. */
        public String key() {
            return source + " " + component + " " + location;
        }
    }

    /**
     * A place or process that handles card data on purpose, not found by pattern (the vault's ciphertext is no
     * readable number).
     *
     * @param count rows or items, when countable (the vault's cards); -1 when not
     */
    public record ByDesign(String component, String location, String why, long count) {

        public ByDesign {
            component = masked(component);
            location = masked(location);
            why = masked(why);
        }
    }

    /**
     * A process in the cardholder-data environment.
     *
     * @param byDesign true when only its purpose puts it there (no card number found in clear in what it holds)
     */
    public record ProcessInScope(String component, List<String> evidence, boolean byDesign) {

        public ProcessInScope {
            component = masked(component);
            evidence = masked(evidence);
        }
    }

    /** How much the scan covered. A baseline written before data directories were scanned reads 0 for them. */
    public record Coverage(int databases, int tables, int textColumns, long candidateRows, int topics,
            long recordsSampled, int logFiles, long logBytes, int dataDirectories, long dataFiles, long dataBytes) {
    }

    /** A source the scan could not read. */
    public record Unscanned(Source source, String what, String reason) {

        public Unscanned {
            what = masked(what);
            reason = masked(reason);
        }
    }

    /** The findings outside the vault: each one keeps its process in scope after the cutover. */
    public List<Finding> outsideVault() {
        return findings.stream().filter(f -> !f.allowedAfterCutover()).toList();
    }

    /** The finding for {@code key}, if this scan has one. */
    public @Nullable Finding finding(String key) {
        return findings.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    private static String masked(String name) {
        return CardNumberScanner.redact(name);
    }

    private static List<String> masked(List<String> names) {
        return names.stream().map(PciScopeScan::masked).toList();
    }
}
