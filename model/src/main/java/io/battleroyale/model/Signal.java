package io.battleroyale.model;

import java.util.Map;

/**
 * An agent's wish to be long ({@code BUY}) or out / short ({@code SELL}) a symbol, with the
 * reasons.
 *
 * @param tsEvent decision time (the bar's end)
 * @param confidence in [0, 1]
 * @param rationale one sentence naming the numbers that drove the decision
 * @param attribution factor name to its signed contribution to the decision
 */
public record Signal(
        String agent,
        String symbol,
        long tsEvent,
        long barIndex,
        Side side,
        double confidence,
        String rationale,
        Map<String, Double> attribution) {}
