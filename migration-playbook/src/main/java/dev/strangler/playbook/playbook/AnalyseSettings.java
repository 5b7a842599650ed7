package dev.strangler.playbook.playbook;

/**
 * The settings of {@code analyse}: none; its one condition, the monolith's classes are built, has nothing to tune. A
 * step of this action with settings is refused, as a misspelt key would be.
 */
public record AnalyseSettings() implements StepSettings {
}
