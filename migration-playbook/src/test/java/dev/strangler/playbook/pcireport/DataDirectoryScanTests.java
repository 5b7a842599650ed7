package dev.strangler.playbook.pcireport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.pan.CardNumberScanner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PCI scan reads a database server's data directory as bytes: a card number left in a WAL segment or in a
 * relation file (a dead row version, the planner's statistics) is found there, reported by file group, never printed.
 * The folders here are shaped like PostgreSQL's: binary noise around text, a segment bigger than the scanner's block.
 */
class DataDirectoryScanTests {

    private static final String VISA = "4242424242424242";
    private static final String MASTERCARD = "5555555555554444";
    private static final String VISA_DEBIT = "4000056655665556";
    private static final int MIB = 1 << 20;

    @TempDir
    Path lab;

    @Test
    void findsCardNumbersInWalSegmentsAndRelationFilesAndReportsThemByFileGroupWithoutTheNumbers() throws Exception {
        Path data = dataDirectory(true);

        PciScopeScan scan = PciScope.scan(targets(data), line -> { });

        assertThat(scan.unscanned()).isEmpty();
        assertThat(scan.findings()).extracting(PciScopeScan.Finding::source).containsOnly(PciScopeScan.Source.DATA_FILE);
        assertThat(scan.findings()).extracting(PciScopeScan.Finding::component, PciScopeScan.Finding::location,
                        PciScopeScan.Finding::occurrences, PciScopeScan.Finding::distinctCards)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("legacy-db", "base/16384/16386", 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("legacy-db", "pg_wal", 3L, 3L));
        PciScopeScan.Finding wal = scan.finding("DATA_FILE legacy-db pg_wal");
        assertThat(wal.last4()).containsExactlyInAnyOrder("****4444", "****5556", "****4242");
        assertThat(wal.examples()).containsExactly("pg_wal/000000010000000000000001");
        assertThat(scan.coverage().dataDirectories()).isEqualTo(1);
        assertThat(scan.coverage().dataFiles()).isEqualTo(6);
        assertThat(scan.coverage().dataBytes()).isGreaterThan(2L * MIB);
        assertThat(scan.processes()).extracting(PciScopeScan.ProcessInScope::component).contains("legacy-db");

        PciScopeReport.Written written = PciScopeReport.write(lab.resolve("reports"), scan, false, true);

        String md = Files.readString(written.markdown());
        assertThat(CardNumberScanner.find(md)).isEmpty();
        assertThat(CardNumberScanner.find(Files.readString(written.json()))).isEmpty();
        assertThat(md).contains("| `pg_wal` | legacy-db | 3 | 3 |")
                .contains("| `base/16384/16386` | legacy-db | 2 | 1 | ****4242 |")
                .contains("A backup or a WAL archive taken before the masking still holds the old card numbers");
        assertThat(written.evidence().passed()).isFalse();
        assertThat(written.evidence().outsideScope())
                .anySatisfy(r -> assertThat(r).startsWith("database files pg_wal (legacy-db): 3 card numbers"));
    }

    @Test
    void aDataDirectoryWithoutCardNumbersHoldsNone() throws Exception {
        Path data = dataDirectory(false);

        PciScopeScan scan = PciScope.scan(targets(data), line -> { });

        assertThat(scan.unscanned()).isEmpty();
        assertThat(scan.findings()).isEmpty();
        assertThat(scan.coverage().dataFiles()).isEqualTo(6);
        assertThat(PciScopeReport.write(lab.resolve("reports"), scan, false, true).evidence().passed()).isTrue();
    }

    @Test
    void aMissingDataDirectoryIsNotScannedAndSaysSo() {
        PciScopeScan scan = PciScope.scan(targets(lab.resolve("data/legacy-db")), line -> { });

        assertThat(scan.unscanned()).singleElement().satisfies(u -> {
            assertThat(u.source()).isEqualTo(PciScopeScan.Source.DATA_FILE);
            assertThat(u.reason()).isEqualTo("no such directory");
        });
    }

    private ScanTargets targets(Path data) {
        return new ScanTargets(lab, List.of(), null, null, List.of(new ScanTargets.DataDirectory("legacy-db", data, null)),
                1, List.of());
    }

    /**
     * A data directory: a heap file with a card number in two row versions (or masked ones), a 2 MiB WAL segment with
     * one card number at the 1 MiB mark, one in groups and one near its end, and files that
     * hold none: a free space map, a commit log, a shared catalog, the version file.
     */
    private Path dataDirectory(boolean withCardNumbers) throws Exception {
        Path data = lab.resolve("data/legacy-db");
        Files.createDirectories(data.resolve("base/16384"));
        Files.createDirectories(data.resolve("pg_wal"));
        Files.createDirectories(data.resolve("pg_xact"));
        Files.createDirectories(data.resolve("global"));
        Files.writeString(data.resolve("PG_VERSION"), "18\n");
        Random random = new Random(7);
        String card = withCardNumbers ? VISA : "************4242";
        Files.write(data.resolve("base/16384/16386"), page(random, 8192,
                "\u0023" + card + "\u0009CAPT", 700, "\u0023" + card + "\u0009AUTH", 5000,
                "\u0021************4444\u0009AUTH", 6000));
        Files.write(data.resolve("base/16384/16386_fsm"), new byte[24576]);
        byte[] segment = noise(random, 2 * MIB);
        put(segment, MIB - 7, "\u0023" + (withCardNumbers ? MASTERCARD : "************4444") + "\u0000");
        put(segment, 1_500_000, "card " + (withCardNumbers ? "4000 0566 5566 5556" : "**** **** **** 5556") + ";");
        put(segment, 2 * MIB - 20, "\u0000" + (withCardNumbers ? VISA : "************4242") + "\u0000");
        // not card numbers: a trace id, a too long run of digits, an order id
        put(segment, 300_000, "\u00000af7651916cd43dd8448eb211c80319c\u0000 42424242424242424242 order 1734567890\u0000");
        Files.write(data.resolve("pg_wal/000000010000000000000001"), segment);
        Files.write(data.resolve("pg_xact/0000"), noise(random, 8192));
        Files.write(data.resolve("global/1262"), page(random, 8192, "\u0011shop", 7000));
        return data;
    }

    /** {@code size} bytes of noise with no ASCII digit in it, and the given texts at the given offsets. */
    private static byte[] page(Random random, int size, Object... textsAndOffsets) {
        byte[] page = noise(random, size);
        for (int i = 0; i < textsAndOffsets.length; i += 2) {
            put(page, (Integer) textsAndOffsets[i + 1], (String) textsAndOffsets[i]);
        }
        return page;
    }

    private static byte[] noise(Random random, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        while (out.size() < size) {
            int b = random.nextInt(256);
            if (b < '0' || b > '9') {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static void put(byte[] into, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, into, offset, bytes.length);
    }
}
