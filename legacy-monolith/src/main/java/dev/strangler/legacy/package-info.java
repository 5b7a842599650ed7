/**
 * The legacy shop: catalog, customers, orders, payments, reports and support in one Spring Boot application over
 * one shared PostgreSQL schema. The root package holds what every feature shares: money formatting and the
 * problem+json error handling.
 */
@NullMarked
package dev.strangler.legacy;

import org.jspecify.annotations.NullMarked;
