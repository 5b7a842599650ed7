package dev.strangler.lab.pan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardNumberScannerTests {

    @Test
    void findsTheTestCardsOfEveryNetworkInText() {
        String text = "visa=4242424242424242 mc:5555555555554444, amex 378282246310005; discover\t6011111111111117"
                + " diners 30569309025904 visa13 4222222222222";

        List<CardNumberScanner.Match> found = CardNumberScanner.find(text);

        assertThat(found).extracting(CardNumberScanner.Match::last4)
                .containsExactly("4242", "4444", "0005", "1117", "5904", "2222");
        assertThat(found.getFirst().masked()).isEqualTo("****4242");
        assertThat(text.substring(found.get(1).start(), found.get(1).end())).isEqualTo("5555555555554444");
    }

    @Test
    void findsCardNumbersWrittenInGroups() {
        assertThat(CardNumberScanner.find("card 4242 4242 4242 4242 ok")).hasSize(1);
        assertThat(CardNumberScanner.find("card 5555-5555-5555-4444")).extracting(CardNumberScanner.Match::last4)
                .containsExactly("4444");
        assertThat(CardNumberScanner.find("amex 3782 822463 10005")).extracting(CardNumberScanner.Match::last4)
                .containsExactly("0005");
        // mixed separators are no card number written by a person or a program
        assertThat(CardNumberScanner.find("4242 4242-4242 4242")).isEmpty();
    }

    @Test
    void ignoresWhatOnlyLooksLikeACardNumber() {
        assertThat(CardNumberScanner.find("4242424242424241")).as("Luhn fails").isEmpty();
        assertThat(CardNumberScanner.find("424242424242")).as("12 digits").isEmpty();
        assertThat(CardNumberScanner.find("42424242424242424242")).as("a 20-digit run is not a card plus digits").isEmpty();
        assertThat(CardNumberScanner.find("x94242424242424242x")).as("a longer run that contains one").isEmpty();
        assertThat(CardNumberScanner.find("ts=1734567890123 nanos=1734567890123456789")).as("epoch timestamps start with 1")
                .isEmpty();
        assertThat(CardNumberScanner.find("************4242 ****4242")).as("masked").isEmpty();
        assertThat(CardNumberScanner.find("2025-01-01T10:15:30.123456Z 0b6f1f3e-8f0b-4a51-9d47-6f1f3e8f0b4a")).isEmpty();
        assertThat(CardNumberScanner.find("")).isEmpty();
    }

    @Test
    void findsACardNumberGluedToLettersOrPunctuation() {
        assertThat(CardNumberScanner.find("{\"cardNumber\":\"4000000000000002\"}")).hasSize(1);
        assertThat(CardNumberScanner.find("tok4242424242424242end")).hasSize(1);
        assertThat(CardNumberScanner.find("pan=4242424242424242ab")).as("two hex letters glued on").hasSize(1);
    }

    @Test
    void aDigitRunInsideAHexIdentifierIsPartOfTheIdentifier() {
        // W3C traceparents whose trace id or span id happens to hold a Luhn-valid run (seen in the lab's CDC topic)
        assertThat(CardNumberScanner.luhn("4242424242424242")).isTrue();
        assertThat(CardNumberScanner.find("00-ab4242424242424242cd9e0f1a2b3c4d-00f067aa0ba902b7-01")).isEmpty();
        assertThat(CardNumberScanner.find("00-0af7651916cd43dd8448eb211c80319c-378282246310005a-01"))
                .as("span id of 16: 15 digits and a letter").isEmpty();
        assertThat(CardNumberScanner.find("traceparent: 00-0af7651916cd43dd8448eb211c80319c-4242424242424242-01"))
                .as("an all-digit random span id").isEmpty();
        assertThat(CardNumberScanner.find("sha1 4242424242424242deadbeefcafe123456789012 ok")).isEmpty();
        // a log line's correlation: [traceId,spanId,correlationId], and B3's traceId-spanId
        assertThat(CardNumberScanner.find("INFO [0af7651916cd43dd8448eb211c80319c,4242424242424242,c-1] Authorized"))
                .as("an all-digit span id after its trace id").isEmpty();
        assertThat(CardNumberScanner.find("b3: 0af7651916cd43dd8448eb211c80319c-4242424242424242-1")).isEmpty();
        assertThat(CardNumberScanner.find("order 7,4242424242424242,c-1")).as("no trace id before it").hasSize(1);
        assertThat(CardNumberScanner.find("[0af7651916cd43dd8448eb211c80319c,4242424242424242428]"))
                .as("19 digits are no span id").hasSize(1);
        // the same digits standing alone, next to a separator, or glued to letters that make no identifier
        assertThat(CardNumberScanner.find("00-4242424242424242-00f067aa0ba902b7-01")).hasSize(1);
        assertThat(CardNumberScanner.find("x" + "4242424242424242" + "B" + "1234 rest")).hasSize(1);
    }

    @Test
    void fourDigitGroupsInsideAUuidArePartOfTheUuid() {
        // a correlation id seen in the proxy's and the payment service's logs during a playbook run
        String correlationId = "2c9f6126-2233-4137-8374-cf96ba261f0a";
        assertThat(CardNumberScanner.luhn("6126223341378374")).isTrue();
        assertThat(CardNumberScanner.find("GET /api/payments/269 200 cid=" + correlationId + " traceId=6b13")).isEmpty();
        assertThat(CardNumberScanner.find("[6b1380ce47afdfe644e45c04369b168d,268519b197defca2," + correlationId.toUpperCase()
                + "] GET")).isEmpty();
        assertThat(CardNumberScanner.find("c9f61262-6126-2233-4137-8374abcdef12")).as("the last four groups").isEmpty();
        // the same groups in no UUID shape are a card number
        assertThat(CardNumberScanner.find("card 6126-2233-4137-8374 declined")).hasSize(1);
        assertThat(CardNumberScanner.find("id=2c9f6126-2233-4137-8374-cf96")).as("too short for a UUID").hasSize(1);
        assertThat(CardNumberScanner.find("x-2c9f6126-2233-4137-8374-cf96ba261f0a-1")).as("longer than a UUID").hasSize(1);
    }

    @Test
    void fingerprintsAreEqualForEqualNumbersOnly() {
        List<CardNumberScanner.Match> found = CardNumberScanner.find("4242424242424242 4242 4242 4242 4242 4000056655665556");
        assertThat(found).hasSize(3);
        assertThat(found.get(0).fingerprint()).isEqualTo(found.get(1).fingerprint());
        assertThat(found.get(0).fingerprint()).isNotEqualTo(found.get(2).fingerprint());
        assertThat(found.get(0).toString()).doesNotContain("4242424242424242");
    }

    @Test
    void redactsCardNumbersAndLeavesTheRest() {
        assertThat(CardNumberScanner.redact("key=cli-it-4242424242424242 at 12")).isEqualTo("key=cli-it-****4242 at 12");
        assertThat(CardNumberScanner.redact("nothing 123")).isEqualTo("nothing 123");
    }

    @Test
    void luhn() {
        assertThat(CardNumberScanner.luhn("79927398713")).isTrue();
        assertThat(CardNumberScanner.luhn("79927398710")).isFalse();
        assertThat(CardNumberScanner.luhn("4242-4242-4242-4242")).isTrue();
        assertThat(CardNumberScanner.luhn("")).isFalse();
    }
}
