/** The support desk's direct SQL on payments. */
@NullMarked
package dev.strangler.legacy.support.internal;

import org.jspecify.annotations.NullMarked;
