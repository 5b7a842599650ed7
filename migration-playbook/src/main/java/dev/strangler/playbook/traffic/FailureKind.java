package dev.strangler.playbook.traffic;

/**
 * Why a request counts as failed for the user. Expected answers are not failures: a declining test card's 402 and
 * an out-of-stock 409 are what a correct shop answers.
 */
public enum FailureKind {
    /** 500-599 from the proxy or behind it. */
    HTTP_5XX,
    /** A 4xx the request did not deserve (e.g. 404 for a payment this run created, 409 on a first capture). */
    UNEXPECTED_4XX,
    /** A 2xx whose body lacked what the contract promises (an id, a status). */
    UNEXPECTED_RESPONSE,
    /** No answer within the request timeout. */
    TIMEOUT,
    /** Connection refused, reset or closed before an answer. */
    CONNECTION,
    /** Not sent at its time because too many requests were still in flight: the generator or the target is saturated. */
    NOT_SENT
}
