package dev.strangler.legacy.seed;

/** How many rows a seeding run wrote, per table. */
public record SeedResult(long customers, long products, long orders, long orderLines, long payments,
        long paymentEvents) {
}
