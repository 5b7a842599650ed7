/**
 * How the load generator works inside: the latency histogram, what the shop has (products, customers, the orders and
 * payments this run created) and the HTTP calls of each request kind.
 */
@NullMarked
package dev.strangler.playbook.traffic.internal;

import org.jspecify.annotations.NullMarked;
