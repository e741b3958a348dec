package io.battleroyale.model;

import javax.annotation.Nullable;

/**
 * Something that happened to one symbol, on its way into the symbol join: a probability tick or a
 * probability shift routed to the symbol through the event map, or a trading pause. Exactly one of
 * {@code tick}, {@code shift} and {@code pause} is set.
 *
 * @param group the event map entry that matched the event key ({@code ""} for a pause)
 * @param sensitivity the symbol's signed exposure to the event ({@code 0} for a pause)
 */
public record SymbolEvent(
        String symbol,
        String group,
        double sensitivity,
        @Nullable ProbabilityTick tick,
        @Nullable ProbabilityShift shift,
        @Nullable TradingPause pause) {

    public static SymbolEvent of(
            String symbol, String group, double sensitivity, ProbabilityTick tick) {
        return new SymbolEvent(symbol, group, sensitivity, tick, null, null);
    }

    public static SymbolEvent of(
            String symbol, String group, double sensitivity, ProbabilityShift shift) {
        return new SymbolEvent(symbol, group, sensitivity, null, shift, null);
    }

    public static SymbolEvent of(TradingPause pause) {
        return new SymbolEvent(pause.symbol(), "", 0.0, null, null, pause);
    }

    /** Event time of whatever this carries. */
    public long tsEvent() {
        if (tick != null) {
            return tick.tsEvent();
        }
        return shift != null ? shift.endTs() : pause.fromTs();
    }
}
