/**
 * The built-in load generator: realistic shop traffic (browse, look at orders and payments, checkout with a test
 * card, create an order and pay it, capture, refund) sent through the proxy at a fixed rate, open loop, so that a
 * migration step can be judged while users keep buying. {@link dev.strangler.playbook.traffic.TrafficRun} is the API
 * for the command line and the playbook engine alike: start it, read its live counters, stop it, get its summary.
 */
@NullMarked
package dev.strangler.playbook.traffic;

import org.jspecify.annotations.NullMarked;
