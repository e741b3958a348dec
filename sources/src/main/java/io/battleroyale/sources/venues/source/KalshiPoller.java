package io.battleroyale.sources.venues.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.venues.TimedQuote;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.VenueMarket;
import io.battleroyale.sources.venues.YesProbability;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.kalshi.KalshiClient;
import io.battleroyale.sources.venues.kalshi.KalshiSigner;
import okhttp3.OkHttpClient;

import java.util.List;

/**
 * Kalshi probabilities. Live: {@code GET /markets/{ticker}} and the yes-probability rule, stamped
 * with the request time (a market carries no quote time). History: candlesticks of the configured
 * resolution (1 min, 1 h or 1 d), stamped with each candle's end.
 */
final class KalshiPoller implements Poller<VenueMarketRef, ProbabilityTick> {

    /** Candles per history call; Kalshi's batch endpoint allows 10,000 in all. */
    static final int CANDLES_PER_CALL = 5000;

    private final KalshiClient client;
    private final OkHttpClient okHttp;
    private final TimeSource time;
    private final int periodMinutes;

    KalshiPoller(KalshiClient client, OkHttpClient okHttp, TimeSource time, int periodMinutes) {
        this.client = client;
        this.okHttp = okHttp;
        this.time = time;
        this.periodMinutes = periodMinutes;
    }

    /** The serializable recipe of a Kalshi poller. */
    record Factory(
            String baseUrl, HttpSettings http, boolean signFromEnvironment, int periodMinutes)
            implements Poller.Factory<VenueMarketRef, ProbabilityTick> {

        Factory {
            if (periodMinutes != 1 && periodMinutes != 60 && periodMinutes != 1440) {
                throw new IllegalArgumentException(
                        "Kalshi history resolution must be 1 minute, 1 hour or 1 day, got "
                                + periodMinutes
                                + " minutes");
            }
            VenueHttpClientCheck.baseUrl(Venue.KALSHI, baseUrl);
        }

        @Override
        public Poller<VenueMarketRef, ProbabilityTick> create(TimeSource time) {
            OkHttpClient okHttp = new OkHttpClient();
            KalshiSigner signer =
                    signFromEnvironment
                            ? KalshiSigner.fromEnvironment(System.getenv(), time::epochMillis)
                            : null;
            return new KalshiPoller(
                    KalshiClient.create(baseUrl, okHttp, http, time, signer),
                    okHttp,
                    time,
                    periodMinutes);
        }
    }

    @Override
    public PollResult<ProbabilityTick> latest(VenueMarketRef ref, long cursor)
            throws VenueException {
        long requested = time.epochMillis();
        JsonNode market = client.market(ref.marketId());
        VenueMarket listed = VenueMarket.kalshi(market, requested);
        if (listed.yes() instanceof YesProbability.Quote q) {
            return new PollResult<>(
                    List.of(
                            new ProbabilityTick(
                                    Venue.KALSHI.id(),
                                    ref.marketId(),
                                    ref.eventKey(),
                                    requested,
                                    q.yesProbability())),
                    List.of());
        }
        YesProbability.Skip skip = (YesProbability.Skip) listed.yes();
        return new PollResult<>(
                List.of(),
                List.of(
                        new PollResult.Rejection(
                                skip.reason(),
                                ref.marketId() + ": " + skip.detail(),
                                market.toString())));
    }

    @Override
    public PollResult<ProbabilityTick> history(VenueMarketRef ref, long fromMs, long toMs)
            throws VenueException {
        long startTs = Math.floorDiv(fromMs + 999, 1000);
        long endTs = Math.floorDiv(toMs, 1000);
        if (endTs < startTs) {
            return PollResult.empty();
        }
        List<TimedQuote> quotes =
                client.candlesticks(
                        ref.kalshiSeries(), ref.marketId(), startTs, endTs, periodMinutes);
        return Quotes.toTicks(Venue.KALSHI, ref, quotes);
    }

    @Override
    public long historyWindowMs(VenueMarketRef target) {
        return periodMinutes * 60_000L * CANDLES_PER_CALL;
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }
}
