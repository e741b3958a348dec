package io.battleroyale.functions.agents;

import io.battleroyale.functions.indicators.Crossover;
import io.battleroyale.functions.indicators.RollingWindow;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import java.io.Serializable;
import java.util.Optional;

/**
 * Trend follower "trend": {@code BUY} when the fast simple moving average of closes crosses above
 * the slow one, {@code SELL} when it crosses below (crossover rule of {@link Crossover}). The
 * difference is defined once the slow window is full, so the earliest possible cross is one bar
 * later.
 *
 * <p>Confidence is 0.5 at a bare cross and grows with the gap between the averages, reaching 1 at a
 * 1% gap.
 */
public final class TrendAgent implements Agent<TrendAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "trend";

    private final int fast;
    private final int slow;

    /** Per-symbol memory: the two windows of closes and the crossover detector. A Flink POJO. */
    public static class State {
        public RollingWindow fast;
        public RollingWindow slow;
        public Crossover cross;

        public State() {}
    }

    public TrendAgent(int fast, int slow) {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException(
                    "trend needs 1 <= fast < slow, got fast=" + fast + ", slow=" + slow);
        }
        this.fast = fast;
        this.slow = slow;
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
        State s = new State();
        s.fast = new RollingWindow(fast);
        s.slow = new RollingWindow(slow);
        s.cross = new Crossover();
        return s;
    }

    /** Windows restored with other lengths keep their latest closes in the new lengths. */
    @Override
    public State adopt(State restored) {
        if (restored.fast.capacity() != fast) {
            restored.fast = restored.fast.resized(fast);
        }
        if (restored.slow.capacity() != slow) {
            restored.slow = restored.slow.resized(slow);
        }
        return restored;
    }

    @Override
    public Optional<Signal> generateSignal(MarketSnapshot snapshot, State state) {
        double close = snapshot.bar().close();
        state.fast.add(close);
        state.slow.add(close);
        if (!state.slow.isFull()) {
            return Optional.empty();
        }
        double fastSma = state.fast.mean();
        double slowSma = state.slow.mean();
        int cross = state.cross.update(fastSma - slowSma);
        if (cross == 0) {
            return Optional.empty();
        }
        double gap = (fastSma - slowSma) / slowSma;
        String rationale =
                Signals.format(
                        "SMA%d %.2f crossed %s SMA%d %.2f (gap %+.2f%%)",
                        fast, fastSma, cross > 0 ? "above" : "below", slow, slowSma, gap * 100);
        return Optional.of(
                Signals.of(
                        NAME,
                        snapshot,
                        cross > 0 ? Side.BUY : Side.SELL,
                        0.5 + 50 * Math.abs(gap),
                        rationale,
                        Signals.attribution("sma_gap", gap),
                        gap,
                        0.0));
    }
}
