/** How a contexts file is read: the strict walk over its YAML that {@code Contexts.read} hands the file to. */
@NullMarked
package dev.strangler.playbook.context.internal;

import org.jspecify.annotations.NullMarked;
