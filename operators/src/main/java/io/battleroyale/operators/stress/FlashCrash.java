package io.battleroyale.operators.stress;

import io.battleroyale.model.PriceBar;

import java.util.List;
import java.util.Locale;

/**
 * Flash crash: prices fall linearly by {@code depth} within {@code fallMs}, then win back {@code
 * recovery} of the fall linearly within {@code recoverMs}; the rest of the loss stays.
 *
 * <p>Price multiplier m(t): 1 before T = {@code startTs}; {@code 1 − depth·(t−T)/fall} during the
 * fall; {@code 1 − depth + depth·recovery·(t−T−fall)/recover} during the recovery; {@code 1 −
 * depth·(1 − recovery)} after. A bar [s, e] becomes open·m(s), close·m(e), high·max m over [s, e],
 * low·min m over [s, e] (m is V-shaped, so its max over an interval is at an end and its min at an
 * end or at the bottom T+fall): a daily bar shows an intraday crash in its low.
 */
public record FlashCrash(
        List<String> symbols,
        long startTs,
        long fallMs,
        long recoverMs,
        double depth,
        double recovery)
        implements Scenario {

    public static final String NAME = "flash_crash";

    public FlashCrash {
        symbols = List.copyOf(symbols);
        if (!(depth > 0 && depth < 1) || !(recovery >= 0 && recovery <= 1)) {
            throw new IllegalArgumentException(
                    "flash_crash needs 0 < depth < 1 and 0 <= recovery <= 1");
        }
        if (fallMs <= 0 || recoverMs <= 0) {
            throw new IllegalArgumentException("flash_crash fall and recovery must be positive");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long endTs() {
        return startTs + fallMs + recoverMs;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "prices × m(t): m falls linearly from 1 to %s over %d ms from %d, recovers"
                        + " linearly to %s over %d ms and stays; open·m(start), close·m(end),"
                        + " high·max m, low·min m over the bar; %s",
                1 - depth,
                fallMs,
                startTs,
                1 - depth * (1 - recovery),
                recoverMs,
                symbols.isEmpty() ? "every symbol" : String.join(",", symbols));
    }

    /** The price multiplier at {@code t}. */
    public double multiplier(long t) {
        long bottom = startTs + fallMs;
        if (t <= startTs) {
            return 1.0;
        }
        if (t <= bottom) {
            return 1 - depth * (t - startTs) / (double) fallMs;
        }
        if (t <= bottom + recoverMs) {
            return 1 - depth + depth * recovery * (t - bottom) / (double) recoverMs;
        }
        return 1 - depth * (1 - recovery);
    }

    @Override
    public PriceBar price(PriceBar bar, double previousClose, double previousScaledClose) {
        if (!Scenario.affects(symbols, bar.symbol()) || bar.endTs() <= startTs) {
            return bar;
        }
        long s = bar.tsEvent();
        long e = bar.endTs();
        double atOpen = multiplier(s);
        double atClose = multiplier(e);
        long bottom = startTs + fallMs;
        double lowest = Math.min(atOpen, atClose);
        if (s <= bottom && bottom <= e) {
            lowest = multiplier(bottom);
        }
        return Scenario.scaled(bar, atOpen, atClose, lowest, Math.max(atOpen, atClose));
    }
}
