package io.battleroyale.functions.meta;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;

import java.io.Serializable;

/**
 * The market regime of one symbol on one bar: {@code calm|volatile} × {@code quiet|event}, e.g.
 * {@code volatile/event}.
 *
 * <ul>
 *   <li><b>Volatility.</b> Two exponentially weighted means of squared close-to-close log returns,
 *       a fast one (span {@code fastBars}) and a slow one (span {@code slowBars}); weight {@code 2
 *       / (span + 1)}, both started at the first squared return. The bar is {@code volatile} when
 *       the fast realised volatility exceeds {@code ratio} × the slow one — volatile relative to
 *       the symbol's own recent normal, so one rule serves BTC and TLT — and {@code calm}
 *       otherwise, including the first {@code fastBars} returns.
 *   <li><b>Event activity.</b> The bar is {@code event} when within the last {@code eventBars} bars
 *       (this one included) the snapshot carried a probability shift or a reading whose probability
 *       changed by at least {@code eventChange} over the shift window; {@code quiet} otherwise.
 * </ul>
 */
public final class RegimeClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String[] REGIMES = {
        "calm/quiet", "calm/event", "volatile/quiet", "volatile/event"
    };

    /** Per-symbol memory of the classifier. A Flink POJO. */
    public static class State {
        public double previousClose = Double.NaN;
        public double fastVariance;
        public double slowVariance;
        public long returns;

        /** Bar index of the last event activity; very negative before any. */
        public long lastEventBar = Long.MIN_VALUE / 2;

        public State() {}
    }

    private final int fastBars;
    private final int slowBars;
    private final double ratio;
    private final int eventBars;
    private final double eventChange;

    public RegimeClassifier(
            int fastBars, int slowBars, double ratio, int eventBars, double eventChange) {
        if (fastBars < 2 || slowBars <= fastBars) {
            throw new IllegalArgumentException(
                    "meta vol_fast must be >= 2 and vol_slow > vol_fast, got "
                            + fastBars
                            + " and "
                            + slowBars);
        }
        if (!(ratio > 0) || eventBars < 1 || !(eventChange > 0 && eventChange <= 1)) {
            throw new IllegalArgumentException(
                    "meta vol_ratio must be > 0, event_bars >= 1, event_change in (0, 1]");
        }
        this.fastBars = fastBars;
        this.slowBars = slowBars;
        this.ratio = ratio;
        this.eventBars = eventBars;
        this.eventChange = eventChange;
    }

    /** Moves the state on by one bar and returns that bar's regime. */
    public String update(MarketSnapshot snapshot, State state) {
        double close = snapshot.bar().close();
        if (!Double.isNaN(state.previousClose) && state.previousClose > 0 && close > 0) {
            double r = Math.log(close / state.previousClose);
            double r2 = r * r;
            if (state.returns == 0) {
                state.fastVariance = r2;
                state.slowVariance = r2;
            } else {
                state.fastVariance += 2.0 / (fastBars + 1) * (r2 - state.fastVariance);
                state.slowVariance += 2.0 / (slowBars + 1) * (r2 - state.slowVariance);
            }
            state.returns++;
        }
        state.previousClose = close;
        boolean active = !snapshot.shifts().isEmpty();
        for (EventReading e : snapshot.events()) {
            active |= Math.abs(e.change()) >= eventChange;
        }
        if (active) {
            state.lastEventBar = snapshot.barIndex();
        }
        boolean volatileNow =
                state.returns >= fastBars
                        && state.fastVariance > ratio * ratio * state.slowVariance;
        boolean event = snapshot.barIndex() - state.lastEventBar < eventBars;
        return (volatileNow ? "volatile" : "calm") + "/" + (event ? "event" : "quiet");
    }
}
