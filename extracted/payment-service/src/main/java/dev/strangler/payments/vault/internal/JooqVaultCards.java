package dev.strangler.payments.vault.internal;

import static dev.strangler.payments.db.Tables.VAULT_CARDS;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import dev.strangler.payments.db.tables.records.VaultCardsRecord;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Repository;

/** The {@code vault_cards} table: token to sealed PAN. */
@Repository
public class JooqVaultCards {

    private final DSLContext db;

    JooqVaultCards(DSLContext db) {
        this.db = db;
    }

    /** A row of the vault. Holds ciphertext only. */
    public record SealedCard(String token, String keyId, byte[] nonce, byte[] ciphertext) {
    }

    /** Inserts the cards not stored yet, in one statement; a token already there keeps its first ciphertext. */
    public void insertIfAbsent(List<SealedCard> cards, Instant now) {
        if (cards.isEmpty()) {
            return;
        }
        InsertValuesStep5<VaultCardsRecord, String, String, byte[], byte[], OffsetDateTime> insert = db
                .insertInto(VAULT_CARDS, VAULT_CARDS.TOKEN, VAULT_CARDS.KEY_ID, VAULT_CARDS.NONCE,
                        VAULT_CARDS.CIPHERTEXT, VAULT_CARDS.CREATED_AT);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (SealedCard card : cards) {
            insert = insert.values(card.token(), card.keyId(), card.nonce(), card.ciphertext(), at);
        }
        insert.onConflict(VAULT_CARDS.TOKEN).doNothing().execute();
    }

    public Optional<SealedCard> find(String token) {
        return db.selectFrom(VAULT_CARDS).where(VAULT_CARDS.TOKEN.eq(token)).fetchOptional()
                .map(r -> new SealedCard(r.getToken(), r.getKeyId(), r.getNonce(), r.getCiphertext()));
    }
}
