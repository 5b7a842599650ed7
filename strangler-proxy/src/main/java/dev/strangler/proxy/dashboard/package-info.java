/**
 * What the dashboard shows beside the route table: where each route's traces are, and whether the data behind a
 * route is ready to move (the CDC bridge's lag, dead letters and last reconciliation).
 */
@NullMarked
package dev.strangler.proxy.dashboard;

import org.jspecify.annotations.NullMarked;
