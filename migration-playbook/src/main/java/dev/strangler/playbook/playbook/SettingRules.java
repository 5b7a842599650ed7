package dev.strangler.playbook.playbook;

import java.time.Duration;

/**
 * The ranges the settings records hold their values to, checked in their constructors: a record cannot hold a
 * negative rate, whoever builds it. Each message names the setting as the descriptor spells it, so that a refused
 * playbook says which line to fix.
 */
final class SettingRules {

    /** The most a step's own load may send: what {@code strangler traffic --rps} accepts. */
    static final int MAX_RPS = 10_000;

    private SettingRules() {
    }

    static void zeroOrMore(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + value);
        }
    }

    static void zeroOrMore(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + value.toSeconds());
        }
    }

    static void moreThanZero(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be more than 0, got " + value.toSeconds());
        }
    }

    /** A share of answers: 0 (none may) to 1 (all may). */
    static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a rate between 0 and 1 (0.01 is 1 %), got " + value);
        }
    }

    static void rps(String name, int value) {
        if (value < 1 || value > MAX_RPS) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_RPS + " requests/s, got "
                    + value);
        }
    }
}
