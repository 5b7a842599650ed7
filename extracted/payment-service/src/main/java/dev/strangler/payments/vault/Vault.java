package dev.strangler.payments.vault;

import dev.strangler.payments.vault.internal.CardCipher;
import dev.strangler.payments.vault.internal.JooqVaultCards;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tokenization. A token is derived from the PAN with a keyed HMAC, so the same PAN always gets the same token:
 * re-tokenizing during a backfill or a retried request is idempotent and stores nothing new. The PAN itself is kept
 * encrypted with AES-GCM (random nonce, the token as associated data, so a ciphertext cannot be moved to another
 * token).
 *
 * <p>The vault remembers the tokens whose row it saw committed (rows are never deleted): tokenizing such a card again
 * (a returning customer, a retried request, a backfill) seals nothing and sends no insert. Only a commit adds a token,
 * so a rolled-back transaction never makes the vault skip a row it does not have.
 */
@Service
public class Vault {

    /** Bounds the memory of committed tokens; when full it starts over (an unknown token costs one insert). */
    static final int MAX_REMEMBERED_TOKENS = 100_000;

    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final CardCipher cipher;
    private final JooqVaultCards cards;
    private final Clock clock;

    Vault(VaultProperties properties, Environment environment, JooqVaultCards cards, Clock clock) {
        for (String profile : environment.getActiveProfiles()) {
            if (profile.startsWith("prod") && properties.usesLabDefaults()) {
                // refusing to start is the only safe answer: every PAN would be encrypted with a public key
                throw new IllegalStateException("The lab's default vault key or internal token is configured in a "
                        + "production profile; set payments.vault.key and payments.vault.internal-token.");
            }
        }
        this.cipher = new CardCipher(properties.key());
        this.cards = cards;
        this.clock = clock;
    }

    /** The PAN in what a caller typed, or null when it is not a valid card number. */
    public @Nullable CardToken describe(String rawCardNumber) {
        CardNumber card = CardNumber.parseOrNull(rawCardNumber);
        return card == null ? null : new CardToken(cipher.tokenFor(card.digits()), card.last4(), card.brand());
    }

    /**
     * Stores the PAN (once) and returns its token, or null when {@code rawCardNumber} is not a valid PAN. Joins the
     * caller's transaction, so a payment and the card it refers to commit together.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public @Nullable CardToken tokenize(String rawCardNumber) {
        List<@Nullable CardToken> tokens = tokenizeAll(List.of(rawCardNumber));
        return tokens.getFirst();
    }

    /** Tokenizes a batch in order; an invalid entry gives null at its index and stores nothing for it. */
    @Transactional(propagation = Propagation.REQUIRED)
    public List<@Nullable CardToken> tokenizeAll(List<String> rawCardNumbers) {
        List<@Nullable CardToken> tokens = new ArrayList<>(rawCardNumbers.size());
        List<JooqVaultCards.SealedCard> sealed = new ArrayList<>();
        for (String raw : rawCardNumbers) {
            CardNumber card = CardNumber.parseOrNull(raw);
            if (card == null) {
                tokens.add(null);
                continue;
            }
            String token = cipher.tokenFor(card.digits());
            if (!committed.contains(token)) {
                CardCipher.Sealed box = cipher.seal(card.digits(), token);
                sealed.add(new JooqVaultCards.SealedCard(token, CardCipher.KEY_ID, box.nonce(), box.ciphertext()));
            }
            tokens.add(new CardToken(token, card.last4(), card.brand()));
        }
        if (!sealed.isEmpty()) {
            cards.insertIfAbsent(sealed, clock.instant());
            rememberOnCommit(sealed);
        }
        return tokens;
    }

    private void rememberOnCommit(List<JooqVaultCards.SealedCard> stored) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (committed.size() + stored.size() > MAX_REMEMBERED_TOKENS) {
                    committed.clear();
                }
                stored.forEach(card -> committed.add(card.token()));
            }
        });
    }

    /**
     * The PAN behind {@code token}, for the gateway client only. One plain select: a read-only transaction would
     * cost three more round trips on every authorization.
     */
    public Optional<CardNumber> reveal(String token) {
        return cards.find(token).map(c -> new CardNumber(cipher.open(c.nonce(), c.ciphertext(), token)));
    }
}
