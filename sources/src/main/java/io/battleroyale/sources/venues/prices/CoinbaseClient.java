package io.battleroyale.sources.venues.prices;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import io.battleroyale.sources.venues.source.PollResult;
import okhttp3.OkHttpClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coinbase Exchange public candles ({@code GET /products/{id}/candles}), no key. The answer is an
 * array of {@code [time, low, high, open, close, volume]} with the time in Unix <b>seconds</b>,
 * newest first; this client returns bars sorted oldest first, with millisecond start times.
 */
public final class CoinbaseClient {

    public static final String FEED = "coinbase";
    public static final String PRODUCTION = "https://api.exchange.coinbase.com";

    /** Coinbase's published public limit was about 10 requests/s; stay well under. */
    public static final double DEFAULT_PERMITS_PER_SECOND = 3;

    /** At most 300 candles per request; a wider range is rejected by Coinbase. */
    public static final int MAX_CANDLES = 300;

    /** The only granularities Coinbase accepts, in seconds. */
    public static final Set<Long> GRANULARITIES = Set.of(60L, 300L, 900L, 3600L, 21600L, 86400L);

    private final VenueHttpClient http;

    public CoinbaseClient(VenueHttpClient http) {
        this.http = http;
    }

    public static CoinbaseClient create(
            String baseUrl, OkHttpClient okHttp, HttpSettings settings, TimeSource time) {
        return new CoinbaseClient(
                new VenueHttpClient(
                        FEED,
                        VenueHttpClient.parseBaseUrl(FEED, baseUrl),
                        okHttp,
                        settings,
                        time,
                        null));
    }

    /** Fails when {@code seconds} is not a Coinbase granularity. */
    public static long checkGranularity(long seconds) {
        if (!GRANULARITIES.contains(seconds)) {
            throw new IllegalArgumentException(
                    "Coinbase candle granularity must be one of 60, 300, 900, 3600, 21600, 86400"
                            + " seconds, got "
                            + seconds);
        }
        return seconds;
    }

    /**
     * The candles of {@code productId} starting in {@code [fromMs, toMs)}, oldest first; at most
     * {@value #MAX_CANDLES} granularities wide.
     */
    public PollResult<PriceBar> candles(
            String productId, long granularitySeconds, long fromMs, long toMs)
            throws VenueException {
        checkGranularity(granularitySeconds);
        long lengthMs = granularitySeconds * 1000;
        if ((toMs - fromMs) / lengthMs > MAX_CANDLES) {
            throw new IllegalArgumentException(
                    "Coinbase serves at most " + MAX_CANDLES + " candles per request");
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("granularity", Long.toString(granularitySeconds));
        // whole seconds; the end is the latest start time wanted (inclusive)
        long startS = Math.floorDiv(fromMs + 999, 1000);
        long endS = Math.max(startS, Math.floorDiv(toMs - 1, 1000));
        q.put("start", Instant.ofEpochSecond(startS).toString());
        q.put("end", Instant.ofEpochSecond(endS).toString());
        String path = "GET /products/" + productId + "/candles";
        JsonNode root = http.getJson(q, "products", productId, "candles");
        if (!root.isArray()) {
            throw new VenueException(
                    FEED,
                    path,
                    VenueException.Kind.UNEXPECTED_SHAPE,
                    200,
                    "expected an array of candles, got " + root.getNodeType());
        }
        List<PriceBar> bars = new ArrayList<>();
        List<PollResult.Rejection> rejections = new ArrayList<>();
        for (JsonNode candle : root) {
            if (!candle.isArray() || candle.size() < 6) {
                rejections.add(
                        new PollResult.Rejection(
                                SkipReason.UNPARSABLE,
                                productId
                                        + ": a candle is not an array [time, low, high, open,"
                                        + " close, volume]",
                                candle.toString()));
                continue;
            }
            double seconds = Bars.number(candle.get(0));
            if (!Double.isFinite(seconds) || seconds < 0 || seconds != Math.rint(seconds)) {
                rejections.add(
                        new PollResult.Rejection(
                                SkipReason.MISSING_FIELD,
                                productId + ": candle time is not a Unix time in seconds",
                                candle.toString()));
                continue;
            }
            long startMs = (long) seconds * 1000;
            if (startMs < fromMs || startMs >= toMs) {
                continue;
            }
            PriceBar bar =
                    new PriceBar(
                            productId,
                            startMs,
                            lengthMs,
                            Bars.number(candle.get(3)),
                            Bars.number(candle.get(2)),
                            Bars.number(candle.get(1)),
                            Bars.number(candle.get(4)),
                            Bars.number(candle.get(5)));
            Object checked = Bars.checked(bar, candle.toString());
            if (checked instanceof PriceBar ok) {
                bars.add(ok);
            } else {
                rejections.add((PollResult.Rejection) checked);
            }
        }
        bars.sort(java.util.Comparator.comparingLong(PriceBar::tsEvent));
        return new PollResult<>(bars, rejections);
    }
}
