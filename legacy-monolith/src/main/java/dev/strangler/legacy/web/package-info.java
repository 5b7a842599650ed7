/** Server-rendered pages (Thymeleaf): the shop with its checkout form, the order page and the payment page. */
@NullMarked
package dev.strangler.legacy.web;

import org.jspecify.annotations.NullMarked;
