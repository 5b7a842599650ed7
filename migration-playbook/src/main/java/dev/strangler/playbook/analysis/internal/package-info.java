/**
 * How the analysis reads bytecode: importing the classes (directory, jar or Spring Boot jar), finding table uses
 * (jOOQ references and SQL text) and telling reads from writes, class dependencies across the capability's boundary,
 * card data, tangles, the frozen rule and its store, and the Markdown rendering.
 */
@NullMarked
package dev.strangler.playbook.analysis.internal;

import org.jspecify.annotations.NullMarked;
