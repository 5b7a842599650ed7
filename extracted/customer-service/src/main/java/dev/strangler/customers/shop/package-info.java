/**
 * The shop, asked over HTTP: what this service needs from data it does not own. A customer's last card is the card
 * of the newest payment of the customer's orders; orders and payments stay with the shop (the monolith, or the
 * payment service behind the proxy), so the service asks for them on every read.
 */
@NullMarked
package dev.strangler.customers.shop;

import org.jspecify.annotations.NullMarked;
