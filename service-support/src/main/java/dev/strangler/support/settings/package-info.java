/**
 * Settings a component cannot run without: a missing one stops the component at start with a report naming it.
 */
@NullMarked
package dev.strangler.support.settings;

import org.jspecify.annotations.NullMarked;
