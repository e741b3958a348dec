package io.battleroyale.operators.stress;

import io.battleroyale.model.PriceBar;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * Stale feed / data gap: the bars of {@code symbols} starting in {@code [start, end)} never arrive;
 * the feed resumes afterwards where the market is then (no catch-up bars).
 */
public record StaleFeed(List<String> symbols, long startTs, long endTs) implements Scenario {

    public static final String NAME = "stale_feed";

    public StaleFeed {
        symbols = List.copyOf(symbols);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "drop bars of %s with %d <= start < %d",
                symbols.isEmpty() ? "every symbol" : String.join(",", symbols),
                startTs,
                endTs);
    }

    @Override
    @Nullable
    public PriceBar price(PriceBar bar, double previousClose, double previousScaledClose) {
        boolean gap =
                Scenario.affects(symbols, bar.symbol())
                        && bar.tsEvent() >= startTs
                        && bar.tsEvent() < endTs;
        return gap ? null : bar;
    }
}
