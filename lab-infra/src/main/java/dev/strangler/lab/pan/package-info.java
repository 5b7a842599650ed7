/**
 * Card numbers (PANs) in text: the one scanner that the PCI scope evidence ({@code strangler pci-scope}) and every
 * module's "no card number leaks" tests share, so that a test and the evidence agree on what a card number is.
 */
@NullMarked
package dev.strangler.lab.pan;

import org.jspecify.annotations.NullMarked;
