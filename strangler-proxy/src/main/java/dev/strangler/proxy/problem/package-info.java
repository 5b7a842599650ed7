/**
 * The errors the proxy creates itself, as RFC 9457 {@code application/problem+json}: one {@link
 * dev.strangler.proxy.problem.Problem} type for the data plane and the admin port, so a caller reads a 413 from
 * either the same way.
 */
@NullMarked
package dev.strangler.proxy.problem;

import org.jspecify.annotations.NullMarked;
