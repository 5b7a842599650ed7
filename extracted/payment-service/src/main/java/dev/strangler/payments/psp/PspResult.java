package dev.strangler.payments.psp;

/** What the gateway made of a call. Only {@link TimedOut} leaves the outcome unknown. */
public sealed interface PspResult {

    /** Done; {@code reference} is the gateway's id of the authorization (or of the follow-up). */
    record Approved(String reference) implements PspResult {
    }

    /** The card was declined: definitive, nothing charged. */
    record Declined(String code) implements PspResult {
    }

    /** The gateway failed (5xx, unreachable, circuit open): nothing was charged. */
    record Failed(String why) implements PspResult {
    }

    /** No answer in time: the gateway may or may not have acted. */
    record TimedOut() implements PspResult {
    }
}
