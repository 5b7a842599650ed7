package dev.strangler.customers.shop;

/**
 * The shop could not be asked (refused, timed out, failed, or answered something that is not a lookup's answer).
 * The message says which, in our words: it never carries the shop's body.
 */
public class ShopUnavailable extends RuntimeException {

    public ShopUnavailable(String reason) {
        super(reason);
    }
}
