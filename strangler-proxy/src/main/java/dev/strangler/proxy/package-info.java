/** The strangler proxy: the edge every caller talks to, which moves routes from the monolith to extracted services one at a time. */
@NullMarked
package dev.strangler.proxy;

import org.jspecify.annotations.NullMarked;
