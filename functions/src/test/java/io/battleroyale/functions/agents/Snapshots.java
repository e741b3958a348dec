package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ShiftKind;

import java.util.List;

/** Test snapshots: daily bars of SPY whose open, high, low and close are one price. */
final class Snapshots {

    static final long T0 = 1_700_000_000_000L;
    static final long DAY = 86_400_000L;

    private Snapshots() {}

    static MarketSnapshot bar(long index, double close, EventReading... events) {
        PriceBar bar = new PriceBar("SPY", T0 + index * DAY, DAY, close, close, close, close, 1);
        return new MarketSnapshot("SPY", index, bar, List.of(events), List.of());
    }

    /** The snapshot with these shifts. */
    static MarketSnapshot withShifts(MarketSnapshot s, ProbabilityShift... shifts) {
        return new MarketSnapshot(s.symbol(), s.barIndex(), s.bar(), s.events(), List.of(shifts));
    }

    /** A shift of a reading's market that took {@code minutes} and ended at T0. */
    static ProbabilityShift shift(
            EventReading r, ShiftKind kind, double from, double to, long minutes) {
        return new ProbabilityShift(
                r.eventKey(),
                kind,
                from,
                to,
                T0 - minutes * 60_000,
                T0,
                2,
                r.venue(),
                r.marketId());
    }

    static EventReading reading(
            String key, String group, double before, double now, double sensitivity) {
        return new EventReading(key, group, now, before, sensitivity, T0, "kalshi", "KX-" + key);
    }
}
