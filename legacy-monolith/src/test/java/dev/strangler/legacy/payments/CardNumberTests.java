package dev.strangler.legacy.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.legacy.ShopProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CardNumberTests {

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "5555555555554444", "378282246310005", "4000000000000002",
        "6011111111111117", "4000000000000259"})
    void acceptsLuhnValidTestCards(String pan) {
        assertThat(CardNumber.isValid(pan)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "12345", "42424242424242424242", "4242-4242", "abcdabcdabcdabcd", ""})
    void rejectsWhatIsNotAPan(String raw) {
        assertThat(CardNumber.isValid(raw)).isFalse();
        assertThatThrownBy(() -> CardNumber.parse(raw))
                .isInstanceOfSatisfying(ShopProblem.class, p -> {
                    assertThat(p.slug()).isEqualTo("invalid-card-number");
                    assertThat(p.getBody().getDetail()).doesNotContain(raw.isEmpty() ? "\u0000" : raw);
                });
    }

    @Test
    void parsesSpacesAndDashes() {
        assertThat(CardNumber.parse("4242 4242-4242 4242").digits()).isEqualTo("4242424242424242");
    }

    @Test
    void masksAllButTheLastFourDigitsWhenPrinted() {
        CardNumber card = CardNumber.parse("5555555555554444");

        assertThat(card.toString()).isEqualTo("****4444");
        assertThat(String.valueOf(java.util.List.of(card))).doesNotContain("5555555555554444");
        assertThat(card.last4()).isEqualTo("4444");
    }

    @Test
    void constructorRefusesAnInvalidPanWithoutQuotingIt() {
        assertThatThrownBy(() -> new CardNumber("4242424242424241"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("4242424242424241");
    }
}
