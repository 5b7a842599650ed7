/** A client of the strangler proxy's admin API, for the {@code strangler route} commands. */
@NullMarked
package dev.strangler.playbook.route;

import org.jspecify.annotations.NullMarked;
