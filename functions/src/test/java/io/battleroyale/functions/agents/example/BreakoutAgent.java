package io.battleroyale.functions.agents.example;

import io.battleroyale.functions.agents.Agent;
import io.battleroyale.functions.indicators.RollingWindow;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The worked example of docs/agents.md: a channel breakout. BUY when the close rises above the
 * highest close of the previous {@code window} bars, SELL when it falls below the lowest.
 */
public final class BreakoutAgent implements Agent<BreakoutAgent.State>, Serializable {
    private static final long serialVersionUID = 1L;

    private final int window;

    /** What the agent remembers per symbol: a Flink POJO (public class, fields, no-arg ctor). */
    public static class State {
        public RollingWindow closes;

        public State() {}
    }

    public BreakoutAgent(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("breakout needs window >= 2, got " + window);
        }
        this.window = window;
    }

    @Override
    public String name() {
        return "breakout";
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public State initialState() {
        State state = new State();
        state.closes = new RollingWindow(window);
        return state;
    }

    @Override
    public Optional<Signal> generateSignal(MarketSnapshot snapshot, State state) {
        double close = snapshot.bar().close();
        Optional<Signal> signal = Optional.empty();
        if (state.closes.isFull()) {
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            for (double c : state.closes.values) { // full: every slot holds one of the last closes
                high = Math.max(high, c);
                low = Math.min(low, c);
            }
            if (close > high) {
                signal = Optional.of(signal(snapshot, Side.BUY, close, high, "above", "high"));
            } else if (close < low) {
                signal = Optional.of(signal(snapshot, Side.SELL, close, low, "below", "low"));
            }
        }
        state.closes.add(close);
        return signal;
    }

    private Signal signal(
            MarketSnapshot snapshot,
            Side side,
            double close,
            double level,
            String direction,
            String extreme) {
        double excess = close / level - 1;
        return new Signal(
                name(),
                snapshot.symbol(),
                snapshot.decisionTs(),
                snapshot.barIndex(),
                side,
                Math.min(1.0, 0.5 + 50 * Math.abs(excess)),
                String.format(
                        Locale.ROOT,
                        "close %.2f broke %s the %d-bar %s %.2f by %+.2f%%",
                        close,
                        direction,
                        window,
                        extreme,
                        level,
                        100 * excess),
                Map.of("breakout", excess));
    }
}
