/** Outgoing HTTP calls of the services, traced and with the failure kinds a payment retry depends on. */
@NullMarked
package dev.strangler.support.http;

import org.jspecify.annotations.NullMarked;
