package dev.strangler.legacy.catalog;

/**
 * A product as the API shows it.
 *
 * @param price two-decimal string, e.g. {@code "19.99"}
 * @param stock units in stock right now
 */
public record Product(long id, String sku, String name, String price, String currency, int stock) {
}
