package io.battleroyale.sources.venues.prices;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.source.PollSettings;
import io.battleroyale.sources.venues.source.PollingSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which price feed serves which symbol. Explicit assignments win; otherwise a symbol with a dash
 * ({@code BTC-USD}, a Coinbase product id) goes to Coinbase and any other ({@code SPY}) to Alpaca.
 *
 * @param assignments symbol → feed, e.g. {@code {BTC-USD: COINBASE, SPY: ALPACA}}
 */
public record PriceFeeds(Map<String, Feed> assignments) {

    /** The price feeds with a source. */
    public enum Feed {
        COINBASE(CoinbaseClient.FEED),
        ALPACA(AlpacaClient.FEED);

        private final String id;

        Feed(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Feed of(String name) {
            for (Feed f : values()) {
                if (f.id.equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException(
                    "unknown price feed '" + name + "': expected coinbase or alpaca");
        }
    }

    /** Base URLs of the feeds (production or test servers). */
    public record Endpoints(String coinbase, String alpaca) {
        public static final Endpoints PRODUCTION =
                new Endpoints(CoinbaseClient.PRODUCTION, AlpacaClient.PRODUCTION);
    }

    public PriceFeeds {
        assignments = Map.copyOf(assignments);
    }

    /** Only the default rule. */
    public static PriceFeeds defaults() {
        return new PriceFeeds(Map.of());
    }

    /** Parses {@code BTC-USD=coinbase,SPY=alpaca} (blank: defaults only). */
    public static PriceFeeds parse(String spec) {
        Map<String, Feed> map = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(
                        "price feed assignment must be SYMBOL=feed, got '" + part.strip() + "'");
            }
            map.put(part.substring(0, eq).strip(), Feed.of(part.substring(eq + 1)));
        }
        return new PriceFeeds(map);
    }

    public Feed feedFor(String symbol) {
        Feed explicit = assignments.get(symbol);
        if (explicit != null) {
            return explicit;
        }
        return symbol.contains("-") ? Feed.COINBASE : Feed.ALPACA;
    }

    /** The symbols grouped by feed, in the given order. */
    public Map<Feed, List<String>> group(Collection<String> symbols) {
        Map<Feed, List<String>> out = new EnumMap<>(Feed.class);
        for (String symbol : symbols) {
            out.computeIfAbsent(feedFor(symbol), f -> new ArrayList<>()).add(symbol);
        }
        return out;
    }

    /** One source per feed that serves any of {@code symbols}. */
    public Map<Feed, PollingSource<?, PriceBar>> sources(
            Collection<String> symbols,
            Duration barLength,
            PollSettings settings,
            Endpoints endpoints) {
        Map<Feed, PollingSource<?, PriceBar>> out = new EnumMap<>(Feed.class);
        for (Map.Entry<Feed, List<String>> e : group(symbols).entrySet()) {
            out.put(
                    e.getKey(),
                    switch (e.getKey()) {
                        case COINBASE ->
                                PriceSources.coinbase(
                                        endpoints.coinbase(), e.getValue(), barLength, settings);
                        case ALPACA ->
                                PriceSources.alpaca(
                                        endpoints.alpaca(), e.getValue(), barLength, settings);
                    });
        }
        return out;
    }
}
