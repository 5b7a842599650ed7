package dev.strangler.payments;

import static dev.strangler.payments.Cards.APPROVED;
import static dev.strangler.payments.Cards.MASTERCARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.payments.vault.Vault;
import dev.strangler.payments.vault.VaultProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class VaultIT extends ServiceTest {

    private static final Map<String, String> BRIDGE = Map.of("Authorization", "Bearer "
            + VaultProperties.LAB_INTERNAL_TOKEN);

    @Autowired
    Vault vault;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void tokenizesABatchInOrderAndTheSamePanAlwaysGetsTheSameToken() {
        String body = "{\"cardNumbers\":[\"" + APPROVED + "\",\"" + MASTERCARD + "\",\"4242 4242 4242 4242\"]}";

        Api.Reply first = api.post("/internal/vault/tokens", body, BRIDGE);
        Api.Reply again = api.post("/internal/vault/tokens", body, BRIDGE);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        var tokens = first.json().get("tokens");
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(0).get("last4").asString()).isEqualTo("4242");
        assertThat(tokens.get(0).get("brand").asString()).isEqualTo("VISA");
        assertThat(tokens.get(1).get("brand").asString()).isEqualTo("MASTERCARD");
        assertThat(tokens.get(2).get("token")).isEqualTo(tokens.get(0).get("token"));
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(first.body()).doesNotContain(APPROVED).doesNotContain(MASTERCARD);
        String token = tokens.get(1).get("token").asString();
        assertThat(vault.reveal(token).orElseThrow().digits()).isEqualTo(MASTERCARD);
        assertThat(rowsOf(token)).isEqualTo(1);
    }

    @Test
    void aCardTokenizedInATransactionThatRolledBackIsStoredTheNextTime() {
        String pan = "4012888888881881";  // a Visa test number no other test of this service uses
        TransactionTemplate tx = new TransactionTemplate(transactions);

        String token = tx.execute(status -> {
            String t = vault.tokenize(pan).token();
            status.setRollbackOnly();
            return t;
        });
        assertThat(rowsOf(token)).isZero();

        vault.tokenize(pan);

        // had the rolled-back insert been remembered, the vault would have skipped this one
        assertThat(rowsOf(token)).isEqualTo(1);
        assertThat(vault.reveal(token).orElseThrow().digits()).isEqualTo(pan);
    }

    @Test
    void aCardWhoseRowWasCommittedIsNotSealedOrInsertedAgain() {
        String pan = "6011111111111117";  // a Discover test number no other test of this service uses
        String token = vault.tokenize(pan).token();
        assertThat(rowsOf(token)).isEqualTo(1);
        // the service never deletes a vault row; deleting it here is how to see that the next call sends no insert
        db.execute("delete from vault_cards where token = ?", token);

        assertThat(vault.tokenize(pan).token()).isEqualTo(token);

        assertThat(rowsOf(token)).isZero();
    }

    private int rowsOf(String token) {
        return db.fetchCount(db.selectFrom("vault_cards").where("token = ?", token));
    }

    @Test
    void refusesCallersWithoutTheRightBearerToken() {
        String body = "{\"cardNumbers\":[\"" + APPROVED + "\"]}";
        String before = tableCounts();

        Api.Reply none = api.post("/internal/vault/tokens", body);
        Api.Reply wrong = api.post("/internal/vault/tokens", body, Map.of("Authorization", "Bearer nope"));

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void aBatchWithAnInvalidNumberStoresNothing() {
        String before = tableCounts();

        Api.Reply reply = api.post("/internal/vault/tokens", "{\"cardNumbers\":[\"6011000990139424\",\"1234\"]}",
                BRIDGE);
        Api.Reply empty = api.post("/internal/vault/tokens", "{\"cardNumbers\":[]}", BRIDGE);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(reply.body()).doesNotContain("1234\"");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void storesOnlyCiphertext() {
        api.post("/internal/vault/tokens", "{\"cardNumbers\":[\"" + APPROVED + "\"]}", BRIDGE);

        String dump = db.fetch("select token, encode(nonce, 'escape') || encode(ciphertext, 'escape') from vault_cards")
                .formatCSV();
        assertThat(dump).doesNotContain(APPROVED);
    }

    @Test
    void refusesToStartInAProdProfileWithTheLabKey() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(PaymentServiceApplication.class)
                .profiles("prod");
        String[] args = {"--server.port=0", "--spring.datasource.url="
                + TestLab.freshDatabase(TestLab.paymentsPostgres(), "prod")};

        assertThatThrownBy(() -> app.run(args)).hasStackTraceContaining("default vault key");
    }
}
