package io.battleroyale.job.live;

import io.battleroyale.sources.venues.kalshi.KalshiClient;
import io.battleroyale.sources.venues.polymarket.PolymarketClient;
import io.battleroyale.sources.venues.prices.PriceFeeds;
import picocli.CommandLine.Option;

/** Base URLs of every live venue and feed, production by default (a picocli mixin). */
public final class LiveEndpoints {

    @Option(
            names = "--kalshi-url",
            paramLabel = "URL",
            description = "Kalshi API root (…/trade-api/v2). Default: ${DEFAULT-VALUE}.")
    public String kalshi = KalshiClient.PRODUCTION;

    @Option(
            names = "--polymarket-gamma-url",
            paramLabel = "URL",
            description = "Polymarket Gamma API (slug → token lookups). Default: ${DEFAULT-VALUE}.")
    public String gamma = PolymarketClient.GAMMA_PRODUCTION;

    @Option(
            names = "--polymarket-clob-url",
            paramLabel = "URL",
            description = "Polymarket CLOB API (midpoints). Default: ${DEFAULT-VALUE}.")
    public String clob = PolymarketClient.CLOB_PRODUCTION;

    @Option(
            names = "--coinbase-url",
            paramLabel = "URL",
            description = "Coinbase Exchange API. Default: ${DEFAULT-VALUE}.")
    public String coinbase = PriceFeeds.Endpoints.PRODUCTION.coinbase();

    @Option(
            names = "--alpaca-url",
            paramLabel = "URL",
            description = "Alpaca market data API. Default: ${DEFAULT-VALUE}.")
    public String alpaca = PriceFeeds.Endpoints.PRODUCTION.alpaca();

    public PriceFeeds.Endpoints priceEndpoints() {
        return new PriceFeeds.Endpoints(coinbase, alpaca);
    }
}
