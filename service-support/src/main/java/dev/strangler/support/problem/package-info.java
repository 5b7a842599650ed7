/**
 * Every error of a Spring MVC service as {@code application/problem+json} with a stable type, in one place: the shop
 * and the payment service answer the same problems for the same faults.
 */
@NullMarked
package dev.strangler.support.problem;

import org.jspecify.annotations.NullMarked;
