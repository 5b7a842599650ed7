package dev.strangler.cdc.capture;

import dev.strangler.cdc.translate.CardNumber;
import dev.strangler.cdc.translate.CardToken;
import java.util.Collection;
import java.util.Map;

/**
 * Turns card numbers into the vault's tokens. The vault lives inside the extracted service that owns the cards (the PCI boundary); the
 * capture asks it in batches, so tokenization costs one round trip per batch at most.
 */
public interface CardTokenizer {

    /** One token per distinct card number; throws when the vault cannot be reached (the capture retries). */
    Map<CardNumber, CardToken> tokenize(Collection<CardNumber> cards);
}
