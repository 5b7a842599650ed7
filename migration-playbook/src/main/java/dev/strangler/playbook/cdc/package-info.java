/** A client of the CDC bridge's HTTP API: its status and reconciliation. */
@NullMarked
package dev.strangler.playbook.cdc;

import org.jspecify.annotations.NullMarked;
