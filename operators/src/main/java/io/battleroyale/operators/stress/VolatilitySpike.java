package io.battleroyale.operators.stress;

import io.battleroyale.model.PriceBar;

import java.util.List;
import java.util.Locale;

/**
 * Volatility spike: every price of a bar starting in {@code [start, end)} moves {@code factor}
 * times as far (in log terms) from the previous close as it did; later bars keep the level the
 * spike left.
 *
 * <p>With P the previous bar's close as it came in and P' as emitted: {@code x' = P' · (x / P)^k}
 * for x in open, high, low, close, where {@code k = factor} inside the window and 1 elsewhere. So
 * close-to-close log returns are multiplied by k inside the window and unchanged outside; the map
 * is increasing, so high ≥ open, close ≥ low still holds. A symbol's first bar is unchanged.
 */
public record VolatilitySpike(List<String> symbols, long startTs, long endTs, double factor)
        implements Scenario {

    public static final String NAME = "volatility_spike";

    public VolatilitySpike {
        symbols = List.copyOf(symbols);
        if (!(factor > 0)) {
            throw new IllegalArgumentException("volatility_spike factor must be > 0: " + factor);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "x' = P'·(x/P)^k for open/high/low/close (P, P' = previous close in and out), k = %s"
                        + " for bars of %s starting in [%d, %d), k = 1 otherwise",
                factor,
                symbols.isEmpty() ? "every symbol" : String.join(",", symbols),
                startTs,
                endTs);
    }

    @Override
    public PriceBar price(PriceBar bar, double previousClose, double previousScaledClose) {
        if (Double.isNaN(previousClose) || !Scenario.affects(symbols, bar.symbol())) {
            return bar;
        }
        double k = bar.tsEvent() >= startTs && bar.tsEvent() < endTs ? factor : 1.0;
        if (k == 1.0 && previousClose == previousScaledClose) {
            return bar;
        }
        return new PriceBar(
                bar.symbol(),
                bar.tsEvent(),
                bar.lengthMs(),
                map(bar.open(), previousClose, previousScaledClose, k),
                map(bar.high(), previousClose, previousScaledClose, k),
                map(bar.low(), previousClose, previousScaledClose, k),
                map(bar.close(), previousClose, previousScaledClose, k),
                bar.volume());
    }

    private static double map(double x, double p, double scaledP, double k) {
        return scaledP * Math.pow(x / p, k);
    }
}
