/** The report queries. */
@NullMarked
package dev.strangler.legacy.reports.internal;

import org.jspecify.annotations.NullMarked;
