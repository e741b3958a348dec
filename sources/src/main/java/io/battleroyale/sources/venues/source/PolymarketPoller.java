package io.battleroyale.sources.venues.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.TimedQuote;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.YesProbability;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.polymarket.PolymarketClient;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polymarket probabilities. Live: the CLOB {@code /midpoint} of the Yes token, stamped with the
 * request time (the answer carries none). History: {@code /prices-history} in windows of at most 14
 * days (the CLOB caps explicit windows at about 15), at the configured fidelity, stamped with each
 * point's time. A ref without a token id has it looked up once from Gamma by slug.
 */
final class PolymarketPoller implements Poller<VenueMarketRef, ProbabilityTick> {

    static final long WINDOW_MS = Duration.ofDays(14).toMillis();

    private final PolymarketClient client;
    private final OkHttpClient okHttp;
    private final TimeSource time;
    private final int fidelityMinutes;
    private final Map<String, String> tokenIds = new HashMap<>();

    PolymarketPoller(
            PolymarketClient client, OkHttpClient okHttp, TimeSource time, int fidelityMinutes) {
        this.client = client;
        this.okHttp = okHttp;
        this.time = time;
        this.fidelityMinutes = fidelityMinutes;
    }

    /** The serializable recipe of a Polymarket poller. */
    record Factory(
            String gammaBaseUrl,
            String clobBaseUrl,
            HttpSettings gammaHttp,
            HttpSettings clobHttp,
            int fidelityMinutes)
            implements Poller.Factory<VenueMarketRef, ProbabilityTick> {

        Factory {
            VenueHttpClientCheck.baseUrl(Venue.POLYMARKET, gammaBaseUrl);
            VenueHttpClientCheck.baseUrl(Venue.POLYMARKET, clobBaseUrl);
            if (fidelityMinutes < 1) {
                throw new IllegalArgumentException("Polymarket fidelity must be >= 1 minute");
            }
        }

        @Override
        public Poller<VenueMarketRef, ProbabilityTick> create(TimeSource time) {
            OkHttpClient okHttp = new OkHttpClient();
            return new PolymarketPoller(
                    PolymarketClient.create(
                            gammaBaseUrl, clobBaseUrl, okHttp, gammaHttp, clobHttp, time),
                    okHttp,
                    time,
                    fidelityMinutes);
        }
    }

    /** The Yes token id: configured, or from Gamma (cached); empty when the market has none. */
    private Optional<String> tokenId(VenueMarketRef ref) throws VenueException {
        if (ref.tokenId() != null) {
            return Optional.of(ref.tokenId());
        }
        String cached = tokenIds.get(ref.marketId());
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JsonNode> market = client.marketBySlug(ref.marketId());
        String token = market.map(YesProbability::polymarketYesTokenId).orElse(null);
        if (token != null) {
            tokenIds.put(ref.marketId(), token);
        }
        return Optional.ofNullable(token);
    }

    private static PollResult<ProbabilityTick> noToken(VenueMarketRef ref) {
        return new PollResult<>(
                List.of(),
                List.of(
                        new PollResult.Rejection(
                                SkipReason.MISSING_ID,
                                ref.marketId()
                                        + ": no Yes token id (not configured, and Gamma lists"
                                        + " no binary market with Yes/No outcomes for this slug)",
                                "")));
    }

    @Override
    public PollResult<ProbabilityTick> latest(VenueMarketRef ref, long cursor)
            throws VenueException {
        Optional<String> token = tokenId(ref);
        if (token.isEmpty()) {
            return noToken(ref);
        }
        long requested = time.epochMillis();
        YesProbability.Result mid = client.midpoint(token.get());
        return Quotes.toTicks(Venue.POLYMARKET, ref, List.of(new TimedQuote(requested, mid)));
    }

    @Override
    public PollResult<ProbabilityTick> history(VenueMarketRef ref, long fromMs, long toMs)
            throws VenueException {
        Optional<String> token = tokenId(ref);
        if (token.isEmpty()) {
            return noToken(ref);
        }
        long startTs = Math.floorDiv(fromMs + 999, 1000);
        long endTs = Math.floorDiv(toMs, 1000);
        if (endTs < startTs) {
            return PollResult.empty();
        }
        return Quotes.toTicks(
                Venue.POLYMARKET,
                ref,
                client.pricesHistory(token.get(), startTs, endTs, fidelityMinutes));
    }

    @Override
    public long historyWindowMs(VenueMarketRef target) {
        return WINDOW_MS;
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }
}
