/** The one definition of what counts as a card number (PAN), shared by every component that meets one. */
@NullMarked
package dev.strangler.support.card;

import org.jspecify.annotations.NullMarked;
