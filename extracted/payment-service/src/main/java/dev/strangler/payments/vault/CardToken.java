package dev.strangler.payments.vault;

/**
 * What the rest of the service knows of a card: the vault's token, the last four digits and the brand. Safe to
 * store, log and send anywhere.
 */
public record CardToken(String token, String last4, String brand) {
}
