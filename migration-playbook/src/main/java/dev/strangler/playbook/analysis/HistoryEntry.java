package dev.strangler.playbook.analysis;

import org.jspecify.annotations.Nullable;

/**
 * One run of an extraction's analysis in {@code reports/analysis-<name>-history.json}: the burndown of the frozen
 * rule, the coupling score and the tangles as the migration proceeds.
 *
 * @param timestamp when the analysis ran (ISO-8601)
 * @param violations violations of the frozen rule ("only the invoices package touches invoice tables") in the
 *     analysed classes
 * @param frozen violations recorded in the monolith's freeze store at that time, or null without a store
 * @param couplingScore the coupling score
 * @param tangles how many tangles were found
 */
public record HistoryEntry(String timestamp, int violations, @Nullable Integer frozen, int couplingScore,
        int tangles) {

    static HistoryEntry of(AnalysisReport report) {
        return new HistoryEntry(report.generatedAt(), report.rule().violations(), report.rule().frozen(),
                report.coupling().score(), report.tangles().size());
    }
}
