package dev.strangler.playbook.playbook;

/**
 * The settings of {@code service-healthy}: none; its gate (ready, a row no one has answered 404) has no threshold. A
 * step of this action with settings is refused, as a misspelt key would be.
 */
public record ServiceHealthySettings() implements StepSettings {
}
