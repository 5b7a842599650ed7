/**
 * The lab: every component of the rehearsal (databases, broker, registry, payment gateway, and the services as they
 * join) as its own OS process, started in dependency order, checked for health, listed and stopped.
 *
 * <p>{@link dev.strangler.playbook.lab.LabComponents} is the registry of components: adding one to the lab is one
 * entry there (name, command, port, health check, dependencies).
 */
@NullMarked
package dev.strangler.playbook.lab;

import org.jspecify.annotations.NullMarked;
