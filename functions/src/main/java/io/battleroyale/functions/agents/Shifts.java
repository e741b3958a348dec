package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ShiftKind;

import javax.annotation.Nullable;

import java.util.Locale;

/** Helpers for agents that trade probability shifts ({@code MarketSnapshot.shifts()}). */
public final class Shifts {

    private Shifts() {}

    /** SURGE and DROP: the moves of at least the shift threshold within the shift window. */
    public static boolean isMove(ProbabilityShift s) {
        return s.kind() == ShiftKind.SURGE || s.kind() == ShiftKind.DROP;
    }

    /** The signed size of the move: {@code to − from}. */
    public static double change(ProbabilityShift s) {
        return s.to() - s.from();
    }

    /** The reading of the shift's market in the snapshot (for its group and sensitivity). */
    @Nullable
    public static EventReading reading(MarketSnapshot snapshot, ProbabilityShift s) {
        for (EventReading e : snapshot.events()) {
            if (e.eventKey().equals(s.eventKey())
                    && e.venue().equals(s.venue())
                    && e.marketId().equals(s.marketId())) {
                return e;
            }
        }
        return null;
    }

    /** Whether the snapshot shows a WHIPSAW on the shift's market: a reason to distrust it. */
    public static boolean whipsawed(MarketSnapshot snapshot, ProbabilityShift s) {
        for (ProbabilityShift o : snapshot.shifts()) {
            if (o.kind() == ShiftKind.WHIPSAW
                    && o.eventKey().equals(s.eventKey())
                    && o.venue().equals(s.venue())
                    && o.marketId().equals(s.marketId())) {
                return true;
            }
        }
        return false;
    }

    /** E.g. {@code fed_hike 0.41→0.76 in 38 min (kalshi KXFED-25DEC)}. */
    public static String describe(ProbabilityShift s) {
        return String.format(
                Locale.ROOT,
                "%s %.2f→%.2f in %s (%s %s)",
                s.eventKey(),
                s.from(),
                s.to(),
                duration(s.endTs() - s.startTs()),
                s.venue(),
                s.marketId());
    }

    static String duration(long ms) {
        long minutes = Math.round(ms / 60_000.0);
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = Math.round(ms / 3_600_000.0);
        return hours < 48 ? hours + " h" : Math.round(ms / 86_400_000.0) + " d";
    }
}
