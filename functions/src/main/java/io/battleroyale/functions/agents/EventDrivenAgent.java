package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Event-driven "event" (the seed's EventDriven): trades the symbol on prediction-market moves.
 *
 * <ol>
 *   <li>Shift: among the readings whose probability moved by at least {@code shift_threshold} over
 *       the shift window, the one with the largest |sensitivity × change| (ties: smallest event
 *       key) decides: {@code BUY} if sensitivity × change is positive, else {@code SELL}.
 *   <li>Otherwise level: among readings of group {@code group} (default {@code fed_hike}) whose
 *       probability is at least {@code fed_threshold}, the one with the largest |sensitivity ×
 *       probability| (ties: smallest event key) decides in the direction of its sensitivity: a
 *       likely hike with negative sensitivity is a {@code SELL}. It repeats on every bar the level
 *       holds; the book ignores repeats.
 * </ol>
 *
 * Readings with zero sensitivity never decide.
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
        List<EventReading> events = snapshot.events();
        EventReading shift = null;
        double shiftScore = 0.0;
        EventReading level = null;
        double levelScore = 0.0;
        for (int i = 0; i < events.size(); i++) {
            EventReading e = events.get(i);
            double change = e.change();
            if (Math.abs(change) >= shiftThreshold) {
                double score = e.sensitivity() * change;
                if (beats(score, e, shiftScore, shift)) {
                    shift = e;
                    shiftScore = score;
                }
            }
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
                            "%s moved %.2f→%.2f (%+.2f within the shift window, threshold %s),"
                                    + " %s sensitivity %+.2f → %s",
                            shift.eventKey(),
                            shift.probabilityBefore(),
                            shift.probability(),
                            shift.change(),
                            Signals.plain(shiftThreshold),
                            snapshot.symbol(),
                            shift.sensitivity(),
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
