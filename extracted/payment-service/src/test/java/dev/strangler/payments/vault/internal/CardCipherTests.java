package dev.strangler.payments.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.payments.vault.CardNumber;
import dev.strangler.payments.vault.VaultProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CardCipherTests {

    private static final String PAN = "4242424242424242";
    private final CardCipher cipher = new CardCipher(VaultProperties.LAB_KEY);

    @Test
    void theSamePanAlwaysGetsTheSameTokenAndAnotherKeyAnotherOne() {
        String other = Base64.getEncoder().encodeToString("another-32-byte-key-for-the-test".getBytes(StandardCharsets.US_ASCII));

        assertThat(cipher.tokenFor(PAN)).isEqualTo(new CardCipher(VaultProperties.LAB_KEY).tokenFor(PAN));
        assertThat(cipher.tokenFor(PAN)).isNotEqualTo(cipher.tokenFor("5555555555554444"));
        assertThat(new CardCipher(other).tokenFor(PAN)).isNotEqualTo(cipher.tokenFor(PAN));
        assertThat(cipher.tokenFor(PAN)).startsWith("tok_").doesNotContain("4242");
    }

    @Test
    void sealsAndOpensAndTheCiphertextIsBoundToItsToken() {
        String token = cipher.tokenFor(PAN);
        CardCipher.Sealed sealed = cipher.seal(PAN, token);

        assertThat(cipher.open(sealed.nonce(), sealed.ciphertext(), token)).isEqualTo(PAN);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(PAN);
        assertThatThrownBy(() -> cipher.open(sealed.nonce(), sealed.ciphertext(), "tok_other"))
                .hasMessageNotContaining(PAN);
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        assertThatThrownBy(() -> new CardCipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("256 bits");
    }

    @Test
    void aCardNumberNeverPrintsItsDigits() {
        CardNumber card = new CardNumber(PAN);

        assertThat(card.toString()).isEqualTo("****4242");
        assertThat(card.brand()).isEqualTo("VISA");
        assertThat(new CardNumber("5555555555554444").brand()).isEqualTo("MASTERCARD");
        assertThat(CardNumber.parseOrNull("4242 4242 4242 4241")).isNull();
    }
}
