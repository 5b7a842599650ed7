/** Reading descriptors: YAML positions, JSON Schema validation and binding to the model. */
@NullMarked
package dev.strangler.extraction.internal;

import org.jspecify.annotations.NullMarked;
