package dev.strangler.support.card;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PanCheckTests {

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "5555555555554444", "378282246310005", "6011111111111117",
        "2223003122003222", "4000000000000002", "6304000000000000", "424242424242", "4111111111111111110"})
    void acceptsLuhnValidNumbersOf12To19Digits(String pan) {
        assertThat(PanCheck.isPan(pan)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "", "12345", "42424242424", "42424242424242424242",
        "4242 4242 4242 4242", "4242-4242-4242-4242", "424242424242424a", "****4242"})
    void rejectsWrongChecksumsLengthsAndAnythingButDigits(String raw) {
        assertThat(PanCheck.isPan(raw)).isFalse();
    }

    @Test
    void luhnAloneIgnoresTheLength() {
        assertThat(PanCheck.luhn("79927398713")).isTrue(); // the textbook example, 11 digits
        assertThat(PanCheck.luhn("79927398710")).isFalse();
        assertThat(PanCheck.isPan("79927398713")).isFalse();
    }
}
