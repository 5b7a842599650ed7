/**
 * The payment domain: money in minor units, the status state machine and its rules. Pure Java (no Spring, no jOOQ),
 * so unit tests drive every transition; {@code ArchitectureTests} keeps it that way.
 */
@NullMarked
package dev.strangler.payments.payment.domain;

import org.jspecify.annotations.NullMarked;
