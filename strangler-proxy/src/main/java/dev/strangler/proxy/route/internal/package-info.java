/** Route table plumbing: the JSON file and audit log, the Kafka topic replicas share, the admin API and its bearer token. */
@NullMarked
package dev.strangler.proxy.route.internal;

import org.jspecify.annotations.NullMarked;
