package dev.strangler.legacy.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentStatusTests {

    @ParameterizedTest
    @CsvSource({"AUTH,AUTHORIZED", "CAPT,CAPTURED", "PRFD,PARTIALLY_REFUNDED", "RFND,REFUNDED", "DECL,DECLINED",
        "VOID,VOIDED"})
    void mapsLegacyCodesToApiWordsAndBack(String code, String word) {
        assertThat(PaymentStatus.fromCode(code).name()).isEqualTo(word);
        assertThat(PaymentStatus.valueOf(word).code()).isEqualTo(code);
    }

    @Test
    void refusesAnUnknownCode() {
        assertThatThrownBy(() -> PaymentStatus.fromCode("PAID")).isInstanceOf(IllegalStateException.class);
    }
}
