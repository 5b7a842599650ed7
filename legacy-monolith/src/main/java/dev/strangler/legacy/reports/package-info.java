/** Reports for the back office: sales per day range, straight SQL over orders, customers and payments. */
@NullMarked
package dev.strangler.legacy.reports;

import org.jspecify.annotations.NullMarked;
