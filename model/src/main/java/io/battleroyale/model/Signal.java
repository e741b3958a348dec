package io.battleroyale.model;

import java.util.Map;

/**
 * An agent's wish to be long ({@code BUY}) or out / short ({@code SELL}) a symbol, with the
 * reasons.
 *
 * @param tsEvent decision time (the bar's end)
 * @param confidence in [0, 1]
 * @param rationale one sentence naming the numbers that drove the decision
 * @param attribution factor name to its signed contribution to {@code score}: the contributions add
 *     up to {@code score − baseline} (docs/agents.md says, per agent, what the score and the
 *     baseline are)
 * @param score the number the agent decided on, which the attribution explains
 * @param baseline the score with every factor at its baseline (e.g. no probability move)
 */
public record Signal(
        String agent,
        String symbol,
        long tsEvent,
        long barIndex,
        Side side,
        double confidence,
        String rationale,
        Map<String, Double> attribution,
        double score,
        double baseline) {

    /** A signal whose score is the sum of its attribution, against a baseline of 0. */
    public Signal(
            String agent,
            String symbol,
            long tsEvent,
            long barIndex,
            Side side,
            double confidence,
            String rationale,
            Map<String, Double> attribution) {
        this(
                agent,
                symbol,
                tsEvent,
                barIndex,
                side,
                confidence,
                rationale,
                attribution,
                sum(attribution),
                0.0);
    }

    private static double sum(Map<String, Double> attribution) {
        double total = 0.0;
        for (double v : attribution.values()) {
            total += v;
        }
        return total;
    }
}
