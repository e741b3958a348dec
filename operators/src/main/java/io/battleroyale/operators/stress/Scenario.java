package io.battleroyale.operators.stress;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.List;

/**
 * One adversarial transformation of a bounded run's inputs: it rewrites, drops or adds price bars
 * and probability ticks in front of the unchanged battle graph. Every implementation is a record of
 * its parameters with absolute times, so the same scenario always transforms the same input the
 * same way; {@link #formula()} states exactly how (docs/stress.md repeats it).
 */
public sealed interface Scenario extends Serializable
        permits VolatilitySpike,
                FlashCrash,
                RateShock,
                ProbabilityWhipsaw,
                StaleFeed,
                VenueOutage,
                HistoricalPath {

    /** The scenario's name, as {@code --scenarios} and {@code stress.json} spell it. */
    String name();

    /** The first instant the scenario touches (inclusive). */
    long startTs();

    /** The instant after which it adds nothing new (exclusive); level shifts may persist. */
    long endTs();

    /** The exact transformation with this instance's numbers, one line. */
    String formula();

    /**
     * One bar, transformed; {@code null} drops it.
     *
     * @param previousClose the symbol's previous bar's close as it came in, NaN on its first bar
     * @param previousScaledClose that close as this scenario emitted it, NaN on the first bar
     */
    @Nullable
    default PriceBar price(PriceBar bar, double previousClose, double previousScaledClose) {
        return bar;
    }

    /** One tick, transformed; {@code null} drops it. */
    @Nullable
    default ProbabilityTick probability(ProbabilityTick tick) {
        return tick;
    }

    /** Ticks the scenario adds to the feed (in time order). */
    default List<ProbabilityTick> addedProbabilities() {
        return List.of();
    }

    /** Whether the scenario touches {@code symbol}'s bars; an empty set means every symbol. */
    static boolean affects(List<String> symbols, String symbol) {
        return symbols.isEmpty() || symbols.contains(symbol);
    }

    /**
     * A bar with its open priced at {@code atOpen}, close at {@code atClose}, high by the largest
     * and low by the smallest multiplier over the bar (volume unchanged).
     */
    static PriceBar scaled(
            PriceBar bar, double atOpen, double atClose, double lowest, double highest) {
        return new PriceBar(
                bar.symbol(),
                bar.tsEvent(),
                bar.lengthMs(),
                bar.open() * atOpen,
                bar.high() * highest,
                bar.low() * lowest,
                bar.close() * atClose,
                bar.volume());
    }
}
