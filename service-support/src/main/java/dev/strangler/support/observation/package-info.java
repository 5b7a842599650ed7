/**
 * Observation settings every service of the toolkit shares, as Boot auto-configuration: a service gets them by
 * depending on {@code service-support}, with no code of its own.
 */
@NullMarked
package dev.strangler.support.observation;

import org.jspecify.annotations.NullMarked;
