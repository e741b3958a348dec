package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * Event-driven "event" (the seed's EventDriven): trades the symbol on prediction-market moves.
 *
 * <ol>
 *   <li>Shift: among the snapshot's SURGE / DROP shifts (detected by CEP, completed within the
 *       shift window) that moved by at least {@code shift_threshold} and whose market shows no
 *       WHIPSAW in the same window, the one with the largest |sensitivity × (to − from)| (ties:
 *       latest end, then smallest event key) decides: {@code BUY} if sensitivity × change is
 *       positive, else {@code SELL}. The sensitivity is the event map's, from the market's reading.
 *   <li>Otherwise level: among readings of group {@code group} (default {@code fed_hike}) whose
 *       probability is at least {@code fed_threshold}, the one with the largest |sensitivity ×
 *       probability| (ties: smallest event key) decides in the direction of its sensitivity: a
 *       likely hike with negative sensitivity is a {@code SELL}. It repeats on every bar the level
 *       holds; the book ignores repeats.
 * </ol>
 *
 * Zero sensitivity never decides.
 */
public final class EventDrivenAgent implements Agent<EventDrivenAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "event";

    private final double fedThreshold;
    private final double shiftThreshold;
    private final String group;

    /** Per-symbol memory: only what the agent last said, for inspection. A Flink POJO. */
    public static class State {
        /** +1 after a BUY, −1 after a SELL, 0 before any signal. */
        public int lastDirection;

        public long signals;

        public State() {}
    }

    public EventDrivenAgent(double fedThreshold, double shiftThreshold, String group) {
        if (!(fedThreshold >= 0 && fedThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "event fed_threshold must be a probability in [0, 1], got " + fedThreshold);
        }
        if (!(shiftThreshold > 0 && shiftThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "event shift_threshold must be in (0, 1], got " + shiftThreshold);
        }
        if (group.isBlank()) {
            throw new IllegalArgumentException("event group must not be blank");
        }
        this.fedThreshold = fedThreshold;
        this.shiftThreshold = shiftThreshold;
        this.group = group;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public State initialState() {
        return new State();
    }

    @Override
    public Optional<Signal> generateSignal(MarketSnapshot snapshot, State state) {
        ProbabilityShift shift = null;
        EventReading shifted = null;
        double shiftScore = 0.0;
        for (ProbabilityShift sh : snapshot.shifts()) {
            if (!Shifts.isMove(sh)
                    || Math.abs(Shifts.change(sh)) < shiftThreshold - 1e-9
                    || Shifts.whipsawed(snapshot, sh)) {
                continue;
            }
            EventReading r = Shifts.reading(snapshot, sh);
            if (r == null) {
                continue;
            }
            double score = r.sensitivity() * Shifts.change(sh);
            if (score == 0.0 || Double.isNaN(score)) {
                continue;
            }
            double a = Math.abs(score);
            double b = Math.abs(shiftScore);
            if (shift == null
                    || a > b
                    || (a == b
                            && (sh.endTs() > shift.endTs()
                                    || (sh.endTs() == shift.endTs()
                                            && sh.eventKey().compareTo(shift.eventKey()) < 0)))) {
                shift = sh;
                shifted = r;
                shiftScore = score;
            }
        }
        EventReading level = null;
        double levelScore = 0.0;
        for (EventReading e : snapshot.events()) {
            if (group.equals(e.group()) && e.probability() >= fedThreshold) {
                double score = e.sensitivity() * e.probability();
                if (beats(score, e, levelScore, level)) {
                    level = e;
                    levelScore = score;
                }
            }
        }
        Signal signal;
        if (shift != null) {
            Side side = shiftScore > 0 ? Side.BUY : Side.SELL;
            String rationale =
                    Signals.format(
                            "%s %s (threshold %s), %s sensitivity %+.2f → %s",
                            shift.kind().name().toLowerCase(Locale.ROOT),
                            Shifts.describe(shift),
                            Signals.plain(shiftThreshold),
                            snapshot.symbol(),
                            shifted.sensitivity(),
                            side);
            signal =
                    Signals.of(
                            NAME,
                            snapshot,
                            side,
                            Math.abs(shiftScore) / (2 * shiftThreshold),
                            rationale,
                            Signals.attribution(shift.eventKey() + ".shift", shiftScore));
        } else if (level != null) {
            Side side = levelScore > 0 ? Side.BUY : Side.SELL;
            String rationale =
                    Signals.format(
                            "%s (%s) at %.2f >= %s, %s sensitivity %+.2f → %s",
                            level.eventKey(),
                            group,
                            level.probability(),
                            Signals.plain(fedThreshold),
                            snapshot.symbol(),
                            level.sensitivity(),
                            side);
            signal =
                    Signals.of(
                            NAME,
                            snapshot,
                            side,
                            Math.abs(levelScore),
                            rationale,
                            Signals.attribution(level.eventKey() + ".level", levelScore));
        } else {
            return Optional.empty();
        }
        state.lastDirection = signal.side().sign();
        state.signals++;
        return Optional.of(signal);
    }

    /** Whether a candidate beats the best so far: larger |score|, ties by smaller event key. */
    private static boolean beats(
            double score, EventReading candidate, double bestScore, @Nullable EventReading best) {
        if (score == 0.0 || Double.isNaN(score)) {
            return false;
        }
        if (best == null) {
            return true;
        }
        double a = Math.abs(score);
        double b = Math.abs(bestScore);
        if (a != b) {
            return a > b;
        }
        return candidate.eventKey().compareTo(best.eventKey()) < 0;
    }
}
