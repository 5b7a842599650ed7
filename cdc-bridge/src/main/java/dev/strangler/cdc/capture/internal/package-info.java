/** Debezium configuration and the vault client behind the capture package's API. */
@NullMarked
package dev.strangler.cdc.capture.internal;

import org.jspecify.annotations.NullMarked;
