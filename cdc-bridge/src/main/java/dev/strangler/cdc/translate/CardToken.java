package dev.strangler.cdc.translate;

/** What the vault returns for a card number: safe to store, log and publish. */
public record CardToken(String token, String last4, String brand) {
}
