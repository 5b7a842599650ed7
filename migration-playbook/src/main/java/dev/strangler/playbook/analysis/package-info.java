/**
 * The analysis behind {@code strangler analyse}: reads an application's compiled classes with ArchUnit and reports,
 * for one capability to extract (an {@link dev.strangler.playbook.analysis.AnalysisScope}, from an extraction's
 * descriptor or the command line), who uses its tables (through jOOQ or in SQL text), which packages depend on it
 * (both ways), where card numbers go (when the extraction looks for them), the tangles an extraction must undo, a
 * coupling score and the burndown of the frozen rule "only the capability's packages touch its tables".
 * {@link dev.strangler.playbook.analysis.MonolithAnalysis} runs it,
 * {@link dev.strangler.playbook.analysis.AnalysisOutput} writes {@code analysis-<name>.md},
 * {@code analysis-<name>.json} and the history.
 */
@NullMarked
package dev.strangler.playbook.analysis;

import org.jspecify.annotations.NullMarked;
