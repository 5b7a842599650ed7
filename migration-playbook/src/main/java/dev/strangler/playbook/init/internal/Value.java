package dev.strangler.playbook.init.internal;

import org.jspecify.annotations.Nullable;

/**
 * One value of the draft as it is written, with its comment: a guess worth a word ({@code note}), or a decision left
 * to the user ({@code todo}), whose YAML must not validate.
 */
record Value(String yaml, @Nullable String todo, @Nullable String note) {

    static final String TODO = "TODO";

    static Value of(Object yaml) {
        return new Value(yaml.toString(), null, null);
    }

    static Value noted(Object yaml, String note) {
        return new Value(yaml.toString(), null, note);
    }

    /** A decision: the value is {@code TODO}, which no field of the schema takes. */
    static Value todo(String decide) {
        return new Value(TODO, decide, null);
    }

    /** A decision whose value holds {@code TODO} where the schema refuses it: {@code {origin-marker: TODO}}. */
    static Value todo(String yaml, String decide) {
        if (!yaml.contains(TODO)) {
            throw new IllegalArgumentException("a TODO's value must hold TODO: " + yaml);
        }
        return new Value(yaml, decide, null);
    }

    boolean isTodo() {
        return todo != null;
    }

    boolean plain() {
        return todo == null && note == null;
    }
}
