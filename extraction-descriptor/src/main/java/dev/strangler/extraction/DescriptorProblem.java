package dev.strangler.extraction;

import java.nio.file.Path;

/**
 * One thing wrong with a descriptor, where a user finds it: {@code extractions/payments.yaml:42: data[0].fields[3]
 * .legacy.column: ...}.
 *
 * @param file  the descriptor
 * @param line  1-based line of the field (of its nearest enclosing element when the field is missing); 0 if unknown
 * @param field the field's path in the document, {@code data[0].fields[3].legacy}; empty for the document itself
 */
public record DescriptorProblem(Path file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
