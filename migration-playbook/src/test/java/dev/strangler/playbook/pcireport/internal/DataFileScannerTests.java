package dev.strangler.playbook.pcireport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.pan.CardNumberScanner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte scanner reads a file a block at a time: a card number is found wherever the blocks split it. */
class DataFileScannerTests {

    private static final byte[] CARD = "4242424242424242".getBytes(StandardCharsets.US_ASCII);

    @Test
    void findsACardNumberAtEveryOffsetAcrossBlockBoundaries() throws Exception {
        byte[] buffer = new byte[1000];
        for (int offset = 0; offset + CARD.length <= 3000; offset++) {
            byte[] file = new byte[3000];
            Arrays.fill(file, (byte) 'x');
            System.arraycopy(CARD, 0, file, offset, CARD.length);
            List<CardNumberScanner.Match> found = new ArrayList<>();

            long read = DataFileScanner.scan(new ByteArrayInputStream(file), buffer, found::addAll);

            assertThat(read).isEqualTo(3000);
            assertThat(found).as("card number at offset %d", offset).singleElement()
                    .extracting(CardNumberScanner.Match::last4).isEqualTo("4242");
        }
    }

    @Test
    void aRunOfDigitsLongerThanTheBufferIsReadThroughAndIsNoCardNumber() throws Exception {
        byte[] file = new byte[5000];
        Arrays.fill(file, (byte) '4');
        List<CardNumberScanner.Match> found = new ArrayList<>();

        long read = DataFileScanner.scan(new ByteArrayInputStream(file), new byte[1000], found::addAll);

        assertThat(read).isEqualTo(5000);
        assertThat(found).isEmpty();
    }
}
