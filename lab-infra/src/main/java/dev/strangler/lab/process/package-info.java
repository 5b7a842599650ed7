/**
 * Child-process supervision for the lab: pid files that survive the JVM that wrote them, graceful stop
 * (SIGTERM, then SIGKILL after a grace period), clean-up of what a crashed launcher left behind, and the
 * facts {@code strangler status} shows (resident memory, uptime, who holds a port).
 *
 * <p>Processes are only ever identified through a pid file plus a check of their command line, never by name,
 * so a recycled pid or somebody else's server is never touched.
 */
@NullMarked
package dev.strangler.lab.process;

import org.jspecify.annotations.NullMarked;
