package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        double shiftScore = 0.0;
        for (ProbabilityShift sh : snapshot.shifts()) {
            double score = shiftScore(snapshot, sh);
            if (Double.isNaN(score)) {
                continue;
            }
            if (shift == null || beats(sh, score, shift, shiftScore)) {
                shift = sh;
                shiftScore = score;
            }
        }
        EventReading level = null;
        double levelScore = 0.0;
        for (EventReading e : snapshot.events()) {
            double score = levelScore(e);
            if (!Double.isNaN(score) && beats(score, e, levelScore, level)) {
                level = e;
                levelScore = score;
            }
        }
        Signal signal;
        if (shift != null) {
            EventReading shifted = Shifts.reading(snapshot, shift);
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
                            attribution(snapshot),
                            shiftScore,
                            0.0);
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
                            attribution(snapshot),
                            levelScore,
                            0.0);
        } else {
            return Optional.empty();
        }
        state.lastDirection = signal.side().sign();
        state.signals++;
        return Optional.of(signal);
    }

    /**
     * A shift's score, sensitivity × change, or NaN when it cannot decide: not a SURGE / DROP,
     * smaller than {@code shift_threshold}, whipsawed, of an unmapped market or zero.
     */
    private double shiftScore(MarketSnapshot snapshot, ProbabilityShift sh) {
        if (!Shifts.isMove(sh)
                || Math.abs(Shifts.change(sh)) < shiftThreshold - 1e-9
                || Shifts.whipsawed(snapshot, sh)) {
            return Double.NaN;
        }
        EventReading r = Shifts.reading(snapshot, sh);
        if (r == null) {
            return Double.NaN;
        }
        double score = r.sensitivity() * Shifts.change(sh);
        return score == 0.0 ? Double.NaN : score;
    }

    /** A reading's level score, sensitivity × probability, or NaN when it cannot decide. */
    private double levelScore(EventReading e) {
        if (!group.equals(e.group()) || !(e.probability() >= fedThreshold)) {
            return Double.NaN;
        }
        double score = e.sensitivity() * e.probability();
        return score == 0.0 ? Double.NaN : score;
    }

    /** Shift priority: larger |score|, then later end, then smaller event key. */
    private static boolean beats(
            ProbabilityShift candidate, double score, ProbabilityShift best, double bestScore) {
        double a = Math.abs(score);
        double b = Math.abs(bestScore);
        if (a != b) {
            return a > b;
        }
        if (candidate.endTs() != best.endTs()) {
            return candidate.endTs() > best.endTs();
        }
        return candidate.eventKey().compareTo(best.eventKey()) < 0;
    }

    /**
     * Exact Shapley values of the score over every shift and level that could decide: the first of
     * them in priority order (shifts before levels) decides, so a factor earns its score only in
     * the coalitions where no higher one is present ({@link Shapley#firstPresent}). A factor at its
     * baseline (change 0, probability 0) cannot decide, so the baseline score is 0. Runs only when
     * the agent signals.
     */
    private Map<String, Double> attribution(MarketSnapshot snapshot) {
        List<ProbabilityShift> shifts = new ArrayList<>();
        List<Double> shiftScores = new ArrayList<>();
        for (ProbabilityShift sh : snapshot.shifts()) {
            double score = shiftScore(snapshot, sh);
            if (Double.isNaN(score)) {
                continue;
            }
            // insertion keeps the decision loop's order: a later candidate goes first only if it
            // beats, so equal ones stay in snapshot order
            int at = shifts.size();
            while (at > 0 && beats(sh, score, shifts.get(at - 1), shiftScores.get(at - 1))) {
                at--;
            }
            shifts.add(at, sh);
            shiftScores.add(at, score);
        }
        List<EventReading> levels = new ArrayList<>();
        List<Double> levelScores = new ArrayList<>();
        for (EventReading e : snapshot.events()) {
            double score = levelScore(e);
            if (Double.isNaN(score)) {
                continue;
            }
            int at = levels.size();
            while (at > 0 && beats(score, e, levelScores.get(at - 1), levels.get(at - 1))) {
                at--;
            }
            levels.add(at, e);
            levelScores.add(at, score);
        }
        double[] values = new double[shifts.size() + levels.size()];
        for (int i = 0; i < shifts.size(); i++) {
            values[i] = shiftScores.get(i);
        }
        for (int i = 0; i < levels.size(); i++) {
            values[shifts.size() + i] = levelScores.get(i);
        }
        double[] phi = Shapley.firstPresent(values);
        TreeMap<String, Double> attribution = new TreeMap<>();
        for (int i = 0; i < shifts.size(); i++) {
            Signals.add(attribution, shifts.get(i).eventKey() + ".shift", phi[i]);
        }
        for (int i = 0; i < levels.size(); i++) {
            Signals.add(attribution, levels.get(i).eventKey() + ".level", phi[shifts.size() + i]);
        }
        return Collections.unmodifiableMap(attribution);
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
