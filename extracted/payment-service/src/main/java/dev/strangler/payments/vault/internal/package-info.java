/** The vault's cipher, token derivation and table. */
@NullMarked
package dev.strangler.payments.vault.internal;

import org.jspecify.annotations.NullMarked;
