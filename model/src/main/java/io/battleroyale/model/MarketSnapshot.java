package io.battleroyale.model;

import javax.annotation.Nullable;

import java.util.List;

/**
 * Everything an agent may know about one symbol when its bar closes: the bar (the seed API's {@code
 * market_data}) and the events that affect the symbol as of the bar's end ({@code event_data}).
 *
 * @param barIndex 0-based position of the bar in its symbol's series
 * @param shifts probability shifts of the affecting events that completed within the shift window
 * @param pause a trading pause in force at decision time, if any
 */
public record MarketSnapshot(
        String symbol,
        long barIndex,
        PriceBar bar,
        List<EventReading> events,
        List<ProbabilityShift> shifts,
        @Nullable TradingPause pause) {

    public MarketSnapshot(
            String symbol,
            long barIndex,
            PriceBar bar,
            List<EventReading> events,
            List<ProbabilityShift> shifts) {
        this(symbol, barIndex, bar, events, shifts, null);
    }

    /** Decision time: the bar's end. */
    public long decisionTs() {
        return bar.endTs();
    }
}
