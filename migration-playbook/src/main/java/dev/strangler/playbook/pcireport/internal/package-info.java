/**
 * The scanners of each kind of place (databases, database files, topics, log files), the scope rules and the Markdown
 * rendering.
 */
@NullMarked
package dev.strangler.playbook.pcireport.internal;

import org.jspecify.annotations.NullMarked;
