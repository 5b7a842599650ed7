/** Chaos drills for exercises: kill a lab component, slow or fail a route's extracted side, each audited. */
@NullMarked
package dev.strangler.playbook.chaos;

import org.jspecify.annotations.NullMarked;
