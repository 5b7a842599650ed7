/** The route table, the migration's state: routes, their stages, validated versioned changes, persistence, audit and sharing between replicas. */
@NullMarked
package dev.strangler.proxy.route;

import org.jspecify.annotations.NullMarked;
