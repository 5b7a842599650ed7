/**
 * An extraction as a file: {@code extractions/<name>.yaml} describes the routes, the table pairs with their column
 * mapping, reconciliation, analysis scope, playbook and sensitive-data scope of moving one capability out of a
 * monolith. {@link dev.strangler.extraction.Extractions} reads a directory of them, validated against the JSON Schema
 * shipped beside them ({@code extraction.schema.json}) and against each other; every problem names the file, the line
 * and the field. The engines (proxy, CDC bridge, playbook) read this model and name no domain themselves.
 */
@NullMarked
package dev.strangler.extraction;

import org.jspecify.annotations.NullMarked;
