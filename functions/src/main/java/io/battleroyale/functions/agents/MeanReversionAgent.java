package io.battleroyale.functions.agents;

import io.battleroyale.functions.indicators.RollingWindow;
import io.battleroyale.functions.indicators.WilderRsi;
import io.battleroyale.functions.indicators.ZScore;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * Mean reversion "meanrev", in one of two modes.
 *
 * <ul>
 *   <li>{@code rsi}: Wilder's RSI over {@code period} closes; {@code BUY} on every bar it is below
 *       {@code lower}, {@code SELL} on every bar it is above {@code upper} (the book ignores the
 *       repeats). Confidence is how far past the threshold it is, relative to the room left.
 *   <li>{@code zscore}: z-score of the close over the last {@code window} closes (population
 *       deviation, window includes the close); {@code BUY} on every bar z ≤ −{@code entry_z},
 *       {@code SELL} on every bar z ≥ {@code entry_z}, and a single exit {@code SELL} when, after a
 *       {@code BUY}, z has recovered to ≥ {@code exit_z} (default 0: back at the mean). A short
 *       taken at the upper extreme is not covered at the mean: a long-only book would otherwise buy
 *       at the mean.
 * </ul>
 */
public final class MeanReversionAgent implements Agent<MeanReversionAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "meanrev";

    /** Which oscillator drives the agent. */
    public enum Mode {
        RSI,
        ZSCORE;

        public static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final Mode mode;
    private final int period;
    private final double lower;
    private final double upper;
    private final int window;
    private final double entryZ;
    private final double exitZ;

    /** Per-symbol memory. A Flink POJO. */
    public static class State {
        public WilderRsi rsi;
        public RollingWindow closes;

        /** Last wish in z-score mode: +1 after a BUY, −1 after an extreme SELL, 0 after exit. */
        public int wish;

        public State() {}
    }

    public MeanReversionAgent(
            Mode mode,
            int period,
            double lower,
            double upper,
            int window,
            double entryZ,
            double exitZ) {
        if (period < 1) {
            throw new IllegalArgumentException("meanrev period must be >= 1, got " + period);
        }
        if (!(0 <= lower && lower < upper && upper <= 100)) {
            throw new IllegalArgumentException(
                    "meanrev needs 0 <= lower < upper <= 100, got lower="
                            + lower
                            + ", upper="
                            + upper);
        }
        if (window < 2) {
            throw new IllegalArgumentException("meanrev window must be >= 2, got " + window);
        }
        if (!(entryZ > 0 && -entryZ < exitZ && exitZ < entryZ)) {
            throw new IllegalArgumentException(
                    "meanrev needs entry_z > 0 and -entry_z < exit_z < entry_z, got entry_z="
                            + entryZ
                            + ", exit_z="
                            + exitZ);
        }
        this.mode = mode;
        this.period = period;
        this.lower = lower;
        this.upper = upper;
        this.window = window;
        this.entryZ = entryZ;
        this.exitZ = exitZ;
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
        // Only the mode's indicator is allocated: the other would cost state size per symbol.
        s.rsi = new WilderRsi(mode == Mode.RSI ? period : 1);
        s.closes = new RollingWindow(mode == Mode.ZSCORE ? window : 1);
        return s;
    }

    /**
     * Restored with another window, the z-score keeps its latest closes; with another RSI period
     * (or mode), the RSI warms up again, since Wilder's averages cannot be re-weighted.
     */
    @Override
    public State adopt(State restored) {
        int closes = mode == Mode.ZSCORE ? window : 1;
        if (restored.closes.capacity() != closes) {
            restored.closes = restored.closes.resized(closes);
        }
        int rsiPeriod = mode == Mode.RSI ? period : 1;
        if (restored.rsi.period != rsiPeriod) {
            restored.rsi = new WilderRsi(rsiPeriod);
        }
        return restored;
    }

    @Override
    public Optional<Signal> generateSignal(MarketSnapshot snapshot, State state) {
        double close = snapshot.bar().close();
        return mode == Mode.RSI ? rsi(snapshot, state, close) : zscore(snapshot, state, close);
    }

    private Optional<Signal> rsi(MarketSnapshot snapshot, State state, double close) {
        double rsi = state.rsi.update(close);
        if (rsi < lower) {
            String rationale =
                    Signals.format(
                            "RSI%d %.2f below %s (oversold)", period, rsi, Signals.plain(lower));
            return Optional.of(
                    Signals.of(
                            NAME,
                            snapshot,
                            Side.BUY,
                            lower > 0 ? (lower - rsi) / lower : 1.0,
                            rationale,
                            Signals.attribution("rsi", (lower - rsi) / 100),
                            (lower - rsi) / 100,
                            0.0));
        }
        if (rsi > upper) {
            String rationale =
                    Signals.format(
                            "RSI%d %.2f above %s (overbought)", period, rsi, Signals.plain(upper));
            return Optional.of(
                    Signals.of(
                            NAME,
                            snapshot,
                            Side.SELL,
                            upper < 100 ? (rsi - upper) / (100 - upper) : 1.0,
                            rationale,
                            Signals.attribution("rsi", (upper - rsi) / 100),
                            (upper - rsi) / 100,
                            0.0));
        }
        // NaN during warm-up falls through both comparisons.
        return Optional.empty();
    }

    private Optional<Signal> zscore(MarketSnapshot snapshot, State state, double close) {
        double z = ZScore.update(state.closes, close);
        if (Double.isNaN(z)) {
            return Optional.empty();
        }
        Side side;
        String rationale;
        double confidence = Math.abs(z) / (2 * entryZ);
        if (z <= -entryZ) {
            side = Side.BUY;
            state.wish = 1;
            rationale =
                    Signals.format(
                            "close %.2f is %.2f sd below its %d-bar mean %.2f (entry at -%s)",
                            close, -z, window, state.closes.mean(), Signals.plain(entryZ));
        } else if (z >= entryZ) {
            side = Side.SELL;
            state.wish = -1;
            rationale =
                    Signals.format(
                            "close %.2f is %.2f sd above its %d-bar mean %.2f (entry at +%s)",
                            close, z, window, state.closes.mean(), Signals.plain(entryZ));
        } else if (state.wish == 1 && z >= exitZ) {
            side = Side.SELL;
            state.wish = 0;
            confidence = 0.5;
            rationale =
                    Signals.format(
                            "close %.2f reverted to z %+.2f of its %d-bar mean %.2f (exit at %s)",
                            close, z, window, state.closes.mean(), Signals.plain(exitZ));
        } else {
            return Optional.empty();
        }
        return Optional.of(
                Signals.of(
                        NAME,
                        snapshot,
                        side,
                        confidence,
                        rationale,
                        Signals.attribution("zscore", -z),
                        -z,
                        0.0));
    }
}
