/**
 * The executable playbook: the steps of an extraction descriptor ({@code extractions/<name>.yaml}, section
 * {@code playbook:}), each an idempotent action on the live lab with a gate that must hold before the next step
 * starts; the actions read the extraction (its routes, table pairs, services), never a domain of their own. Progress is persisted under the lab
 * directory, so a run resumes where it stopped (even after a kill -9), and the last completed step can be undone.
 * Every step writes its evidence to {@code reports/playbook/<extraction>/}. Each action's settings are a record
 * ({@link dev.strangler.playbook.playbook.StepSettings}), read and checked when the playbook is loaded, so that a bad
 * value refuses the playbook before anything runs; each gate is a pure function of the figures its step gathers.
 */
@NullMarked
package dev.strangler.playbook.playbook;

import org.jspecify.annotations.NullMarked;
