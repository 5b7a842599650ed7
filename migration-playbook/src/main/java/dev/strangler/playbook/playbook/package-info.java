/**
 * The executable playbook: a file of steps ({@code migration-playbook/playbooks/*.yaml}), each an idempotent action
 * on the live lab with a gate that must hold before the next step starts. Progress is persisted under the lab
 * directory, so a run resumes where it stopped (even after a kill -9), and the last completed step can be undone.
 * Every step writes its evidence to {@code reports/playbook/}.
 */
@NullMarked
package dev.strangler.playbook.playbook;

import org.jspecify.annotations.NullMarked;
