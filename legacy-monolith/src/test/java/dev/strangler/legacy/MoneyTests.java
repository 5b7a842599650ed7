package dev.strangler.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void formatsWithExactlyTwoDecimals() {
        assertThat(Money.format(new BigDecimal("25"))).isEqualTo("25.00");
        assertThat(Money.format(new BigDecimal("0.5"))).isEqualTo("0.50");
        assertThat(Money.format(new BigDecimal("1E+3"))).isEqualTo("1000.00");
    }

    @Test
    void normalizesToTwoDecimalsWithoutRounding() {
        assertThat(Money.normalize(new BigDecimal("12.5"))).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.normalize(new BigDecimal("12.500"))).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void rejectsMoreThanTwoDecimals() {
        assertThatThrownBy(() -> Money.normalize(new BigDecimal("1.001")))
                .isInstanceOfSatisfying(ShopProblem.class, p -> assertThat(p.slug()).isEqualTo("invalid-amount"));
    }
}
