/**
 * The analysis of the monolith behind {@code strangler analyse}: reads its compiled classes with ArchUnit and
 * reports who uses the payment tables, which packages depend on payments (both ways), where card numbers go, the
 * tangles an extraction must undo, a coupling score and the burndown of the monolith's frozen rule "only the
 * payments package touches payment tables". {@link dev.strangler.playbook.analysis.MonolithAnalysis} runs it,
 * {@link dev.strangler.playbook.analysis.AnalysisOutput} writes {@code analysis.md}, {@code analysis.json} and the
 * history.
 */
@NullMarked
package dev.strangler.playbook.analysis;

import org.jspecify.annotations.NullMarked;
