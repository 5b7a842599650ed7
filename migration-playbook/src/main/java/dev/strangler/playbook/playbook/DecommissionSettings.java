package dev.strangler.playbook.playbook;

/**
 * The settings of {@code decommission}: none. Its waits (the monolith's switch, the masking's wait for the CDC
 * bridge, the warm-up of the new build) follow from what the monolith and PostgreSQL need, and its gate (no card
 * number outside the vault, no monolith class touching the extraction's tables) has no threshold one could loosen. A
 * step of this action with settings is refused, as a misspelt key would be.
 */
public record DecommissionSettings() implements StepSettings {
}
