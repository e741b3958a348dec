package io.battleroyale.sources.venues.prices;

import io.battleroyale.sources.venues.source.PollTarget;

/**
 * One symbol of one price feed: a split.
 *
 * @param feed {@code coinbase} or {@code alpaca}
 * @param symbol the feed's symbol ({@code BTC-USD}, {@code SPY}); the {@code symbol} of every bar
 * @param lengthMs the bar length (the candle granularity)
 */
public record PriceFeedRef(String feed, String symbol, long lengthMs) implements PollTarget {

    public PriceFeedRef {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException(feed + ": symbol must not be blank");
        }
        if (lengthMs <= 0) {
            throw new IllegalArgumentException(feed + " " + symbol + ": bar length must be > 0");
        }
    }

    @Override
    public String splitId() {
        return feed + ":" + symbol;
    }
}
