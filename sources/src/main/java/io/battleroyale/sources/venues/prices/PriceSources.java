package io.battleroyale.sources.venues.prices;

import org.apache.flink.util.function.SerializableSupplier;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import io.battleroyale.sources.venues.source.PollSettings;
import io.battleroyale.sources.venues.source.Poller;
import io.battleroyale.sources.venues.source.PollingSource;
import okhttp3.OkHttpClient;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Builds the FLIP-27 price-bar sources: Coinbase Exchange candles (keyless) and Alpaca stock bars
 * (keyed). Each emits {@link PriceBar}s with {@code lengthMs} = the bar length, event time = the
 * bar's start, only once the bar has closed.
 */
public final class PriceSources {

    private PriceSources() {}

    /**
     * Coinbase candles of {@code products} ({@code BTC-USD}, …).
     *
     * @param barLength 1, 5, 15 min, 1, 6 h or 1 day (Coinbase's granularities)
     */
    public static PollingSource<PriceFeedRef, PriceBar> coinbase(
            String baseUrl,
            Collection<String> products,
            Duration barLength,
            PollSettings settings) {
        return coinbase(
                baseUrl,
                products,
                barLength,
                settings,
                HttpSettings.defaults(CoinbaseClient.DEFAULT_PERMITS_PER_SECOND));
    }

    public static PollingSource<PriceFeedRef, PriceBar> coinbase(
            String baseUrl,
            Collection<String> products,
            Duration barLength,
            PollSettings settings,
            HttpSettings http) {
        CoinbaseClient.checkGranularity(barLength.toSeconds());
        VenueHttpClient.parseBaseUrl(CoinbaseClient.FEED, baseUrl);
        return new PollingSource<>(
                CoinbaseClient.FEED,
                PriceBar.class,
                refs(CoinbaseClient.FEED, products, barLength),
                new CoinbaseFactory(baseUrl, http, settings.liveLookback().toMillis()),
                PriceBar::tsEvent,
                settings,
                () -> TimeSource.SYSTEM);
    }

    /**
     * Alpaca stock bars of {@code symbols}, with the keys of {@code ALPACA_API_KEY_ID} / {@code
     * ALPACA_API_SECRET_KEY} read on the task managers and the free {@code iex} data feed.
     */
    public static PollingSource<PriceFeedRef, PriceBar> alpaca(
            String baseUrl, Collection<String> symbols, Duration barLength, PollSettings settings) {
        return alpaca(
                baseUrl,
                symbols,
                barLength,
                settings,
                HttpSettings.defaults(AlpacaClient.DEFAULT_PERMITS_PER_SECOND),
                "iex",
                () -> AlpacaCredentials.fromEnvironment(System.getenv()).orElse(null));
    }

    /**
     * Alpaca with explicit settings.
     *
     * @param dataFeed {@code iex} or {@code sip}
     * @param credentials called on the task manager; {@code null} keys make the feed report itself
     *     down (one warning naming the missing variables) instead of calling Alpaca
     */
    public static PollingSource<PriceFeedRef, PriceBar> alpaca(
            String baseUrl,
            Collection<String> symbols,
            Duration barLength,
            PollSettings settings,
            HttpSettings http,
            String dataFeed,
            SerializableSupplier<AlpacaCredentials> credentials) {
        AlpacaClient.timeframe(barLength);
        VenueHttpClient.parseBaseUrl(AlpacaClient.FEED, baseUrl);
        return new PollingSource<>(
                AlpacaClient.FEED,
                PriceBar.class,
                refs(AlpacaClient.FEED, symbols, barLength),
                new AlpacaFactory(
                        baseUrl, http, dataFeed, credentials, settings.liveLookback().toMillis()),
                PriceBar::tsEvent,
                settings,
                () -> TimeSource.SYSTEM);
    }

    private static List<PriceFeedRef> refs(
            String feed, Collection<String> symbols, Duration barLength) {
        return symbols.stream()
                .map(s -> new PriceFeedRef(feed, s.strip(), barLength.toMillis()))
                .toList();
    }

    record CoinbaseFactory(String baseUrl, HttpSettings http, long lookbackMs)
            implements Poller.Factory<PriceFeedRef, PriceBar> {
        @Override
        public Poller<PriceFeedRef, PriceBar> create(TimeSource time) {
            OkHttpClient okHttp = new OkHttpClient();
            CoinbaseClient client = CoinbaseClient.create(baseUrl, okHttp, http, time);
            return new BarPoller(
                    (ref, from, to) ->
                            client.candles(ref.symbol(), ref.lengthMs() / 1000, from, to),
                    CoinbaseClient.MAX_CANDLES,
                    lookbackMs,
                    time,
                    okHttp);
        }
    }

    record AlpacaFactory(
            String baseUrl,
            HttpSettings http,
            String dataFeed,
            SerializableSupplier<AlpacaCredentials> credentials,
            long lookbackMs)
            implements Poller.Factory<PriceFeedRef, PriceBar> {
        @Override
        public Poller<PriceFeedRef, PriceBar> create(TimeSource time) {
            OkHttpClient okHttp = new OkHttpClient();
            @Nullable AlpacaCredentials keys = credentials.get();
            BarPoller.Fetch fetch;
            if (keys == null) {
                fetch =
                        (ref, from, to) -> {
                            throw new VenueException(
                                    AlpacaClient.FEED,
                                    "GET /v2/stocks/" + ref.symbol() + "/bars",
                                    VenueException.Kind.HTTP_STATUS,
                                    401,
                                    "no Alpaca keys: set "
                                            + AlpacaCredentials.ENV_KEY_ID
                                            + " and "
                                            + AlpacaCredentials.ENV_SECRET_KEY);
                        };
            } else {
                AlpacaClient client =
                        AlpacaClient.create(baseUrl, okHttp, http, time, keys, dataFeed);
                fetch =
                        (ref, from, to) ->
                                client.bars(
                                        ref.symbol(), Duration.ofMillis(ref.lengthMs()), from, to);
            }
            // one page may hold 10,000 bars and paging continues, so a window of 10,000 bars
            return new BarPoller(fetch, AlpacaClient.MAX_PAGE, lookbackMs, time, okHttp);
        }
    }
}
