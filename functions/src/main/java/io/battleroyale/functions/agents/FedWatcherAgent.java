package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Fed watcher "fed": turns the Fed-decision markets' probability shifts into one hawkishness score
 * and trades the symbol when it crosses a threshold.
 *
 * <p>Shifts (SURGE / DROP, detected by CEP and completed within the shift window) of markets whose
 * group starts with {@code fed} count: groups containing {@code hike} push hawkish (+1), groups
 * containing {@code cut} dovish (−1); any other Fed group (e.g. {@code fed_hold}) is neutral and
 * ignored, and so is a market that WHIPSAWed in the window. Per bar:
 *
 * <ul>
 *   <li>hawkish score H = Σ dir × |sensitivity| × (to − from) over those shifts, weighted by how
 *       strongly this symbol reacts (sensitivity from the market's reading);
 *   <li>the symbol's exposure to hawkishness is the sign of Σ dir × sensitivity over the Fed
 *       readings (negative for SPY whether the map says "hike −1" or "cut +1");
 *   <li>when H crosses up through +{@code threshold} (previous bar's H below it) the Fed turned
 *       hawkish: {@code BUY} for a positive exposure, {@code SELL} for a negative one; crossing
 *       down through −{@code threshold} is dovish and the other way round.
 * </ul>
 *
 * The state remembers the last H (0 before any bar), so a shift that stays in the window signals
 * once. The rationale names the shift that contributed most.
 */
public final class FedWatcherAgent implements Agent<FedWatcherAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "fed";

    private final double threshold;

    /** Per-symbol memory: the previous bar's hawkish score. A Flink POJO. */
    public static class State {
        public double lastScore;

        public State() {}
    }

    public FedWatcherAgent(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("fed threshold must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
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

    /** +1 for a hike group, −1 for a cut group, 0 for other or non-Fed groups. */
    static int direction(String group) {
        if (!group.regionMatches(true, 0, "fed", 0, 3)) {
            return 0;
        }
        if (group.contains("hike")) {
            return 1;
        }
        return group.contains("cut") ? -1 : 0;
    }

    @Override
    public Optional<Signal> generateSignal(MarketSnapshot snapshot, State state) {
        double exposure = 0.0;
        for (EventReading e : snapshot.events()) {
            exposure += direction(e.group()) * e.sensitivity();
        }
        double hike = 0.0;
        double cut = 0.0;
        ProbabilityShift main = null;
        double mainWeight = 0.0;
        for (ProbabilityShift sh : snapshot.shifts()) {
            double weight = weight(snapshot, sh);
            if (weight == 0.0) {
                continue;
            }
            double weighted = weight * Shifts.change(sh);
            if (weight > 0) {
                hike += weighted;
            } else {
                cut += weighted;
            }
            if (main == null || Math.abs(weighted) > mainWeight) {
                main = sh;
                mainWeight = Math.abs(weighted);
            }
        }
        double score = hike + cut;
        double previous = state.lastScore;
        state.lastScore = score;
        int crossed = 0;
        if (previous < threshold && score >= threshold) {
            crossed = 1;
        } else if (previous > -threshold && score <= -threshold) {
            crossed = -1;
        }
        if (crossed == 0 || exposure == 0.0 || main == null) {
            return Optional.empty();
        }
        Side side = crossed * exposure > 0 ? Side.BUY : Side.SELL;
        String rationale =
                Signals.format(
                        "Fed hawkishness %+.3f (hike %+.3f, cut %+.3f) crossed %s%s from %+.3f on"
                                + " %s; %s exposure %+.2f → %s",
                        score,
                        hike,
                        cut,
                        crossed > 0 ? "+" : "-",
                        Signals.plain(threshold),
                        previous,
                        Shifts.describe(main),
                        snapshot.symbol(),
                        exposure,
                        side);
        return Optional.of(
                Signals.of(
                        NAME,
                        snapshot,
                        side,
                        Math.abs(score) / (2 * threshold),
                        rationale,
                        attribution(snapshot),
                        score,
                        0.0));
    }

    /**
     * A shift's weight in H: {@code dir × |sensitivity|}, 0 when it does not count (not a move,
     * whipsawed, not a hike or cut group).
     */
    private static double weight(MarketSnapshot snapshot, ProbabilityShift sh) {
        if (!Shifts.isMove(sh) || Shifts.whipsawed(snapshot, sh)) {
            return 0.0;
        }
        EventReading e = Shifts.reading(snapshot, sh);
        return e == null ? 0.0 : direction(e.group()) * Math.abs(e.sensitivity());
    }

    /**
     * H is linear in the shifts' changes, so the exact Shapley value of a shift against the
     * baseline "no move" (change 0, H = 0) is its term {@code dir × |sensitivity| × (to − from)}; a
     * market's shifts in the window are summed under one factor.
     */
    private static Map<String, Double> attribution(MarketSnapshot snapshot) {
        TreeMap<String, Double> attribution = new TreeMap<>();
        for (ProbabilityShift sh : snapshot.shifts()) {
            double weight = weight(snapshot, sh);
            if (weight != 0.0) {
                Signals.add(attribution, sh.eventKey() + ".shift", weight * Shifts.change(sh));
            }
        }
        return Collections.unmodifiableMap(attribution);
    }
}
