/**
 * The headline proof: the whole playbook run under a steady mixed shop load, and the evidence at the end that no user
 * request failed, no write was lost, nobody was charged twice and no card number is left outside the PCI scope.
 */
@NullMarked
package dev.strangler.playbook.rehearsal;

import org.jspecify.annotations.NullMarked;
