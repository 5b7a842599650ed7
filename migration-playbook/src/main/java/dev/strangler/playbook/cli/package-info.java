/**
 * The {@code strangler} command line: one class per command, each a thin layer over the feature packages.
 */
@NullMarked
package dev.strangler.playbook.cli;

import org.jspecify.annotations.NullMarked;
