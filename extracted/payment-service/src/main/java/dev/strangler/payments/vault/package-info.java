/**
 * The card vault: the only place in the new world where a PAN exists at rest, encrypted with AES-GCM under a key
 * from configuration. Everything else sees a {@link dev.strangler.payments.vault.CardToken}. The PAN type
 * {@link dev.strangler.payments.vault.CardNumber} is visible only here and in the gateway client that must send it
 * (enforced by {@code ArchitectureTests}).
 */
@NullMarked
package dev.strangler.payments.vault;

import org.jspecify.annotations.NullMarked;
