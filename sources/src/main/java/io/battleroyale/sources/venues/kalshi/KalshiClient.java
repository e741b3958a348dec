package io.battleroyale.sources.venues.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.Page;
import io.battleroyale.sources.venues.TimedQuote;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.VenueJson;
import io.battleroyale.sources.venues.YesProbability;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import okhttp3.OkHttpClient;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only client of the Kalshi Trade API v2 market data: markets, events, series and
 * candlesticks. Signing is optional (public data needs none; a signed call gets per-key limits).
 */
public final class KalshiClient {

    /** Production, the recommended host. */
    public static final String PRODUCTION = "https://external-api.kalshi.com/trade-api/v2";

    /** Production, the older host that is still supported. */
    public static final String PRODUCTION_ELECTIONS =
            "https://api.elections.kalshi.com/trade-api/v2";

    /** The demo environment (separate keys). */
    public static final String DEMO = "https://external-api.demo.kalshi.co/trade-api/v2";

    /**
     * Default request rate: half of the Basic tier's 20 reads/s, since the unauthenticated limit is
     * not published.
     */
    public static final double DEFAULT_PERMITS_PER_SECOND = 10;

    /** The largest {@code limit} of {@code GET /markets}. */
    public static final int MAX_MARKETS_PAGE = 1000;

    /** The largest {@code limit} of {@code GET /events}. */
    public static final int MAX_EVENTS_PAGE = 200;

    private static final String VENUE = Venue.KALSHI.id();

    private final VenueHttpClient http;

    public KalshiClient(VenueHttpClient http) {
        this.http = http;
    }

    /** A client of {@code baseUrl} (production, demo or any URL ending in the API root). */
    public static KalshiClient create(
            String baseUrl,
            OkHttpClient okHttp,
            HttpSettings settings,
            TimeSource time,
            @Nullable KalshiSigner signer) {
        return new KalshiClient(
                new VenueHttpClient(
                        VENUE,
                        VenueHttpClient.parseBaseUrl(VENUE, baseUrl),
                        okHttp,
                        settings,
                        time,
                        signer));
    }

    /**
     * Filters of {@code GET /markets}; {@code null} fields are not sent.
     *
     * @param status one of the filter words {@code unopened}, {@code open}, {@code paused}, {@code
     *     closed}, {@code settled} (not the response words such as {@code active})
     * @param pageSize 1–{@value #MAX_MARKETS_PAGE}
     */
    public record MarketFilter(
            @Nullable String seriesTicker,
            @Nullable String eventTicker,
            @Nullable String status,
            @Nullable String tickers,
            int pageSize) {
        public MarketFilter {
            if (pageSize < 1 || pageSize > MAX_MARKETS_PAGE) {
                throw new IllegalArgumentException(
                        "Kalshi markets page size must be 1.." + MAX_MARKETS_PAGE);
            }
        }
    }

    /**
     * An event with its markets (from {@code event.markets} or the deprecated top-level {@code
     * markets}).
     */
    public record Event(JsonNode event, List<JsonNode> markets) {}

    public VenueHttpClient http() {
        return http;
    }

    /** One page of {@code GET /markets}. */
    public Page<JsonNode> markets(MarketFilter filter, @Nullable String cursor)
            throws VenueException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(filter.pageSize()));
        q.put("cursor", cursor);
        q.put("series_ticker", filter.seriesTicker());
        q.put("event_ticker", filter.eventTicker());
        q.put("status", filter.status());
        q.put("tickers", filter.tickers());
        JsonNode root = http.getJson(q, "markets");
        String path = "GET " + http.baseUrl().encodedPath() + "/markets";
        return new Page<>(
                VenueJson.arrayField(root, "markets", false, VENUE, path),
                VenueJson.cursor(root, "cursor"));
    }

    /** {@code GET /markets/{ticker}}: the market object. */
    public JsonNode market(String ticker) throws VenueException {
        JsonNode root = http.getJson(Map.of(), "markets", ticker);
        return VenueJson.objectField(root, "market", VENUE, "GET /markets/" + ticker);
    }

    /** One page of {@code GET /events}. */
    public Page<JsonNode> events(
            @Nullable String seriesTicker,
            @Nullable String status,
            boolean withNestedMarkets,
            int pageSize,
            @Nullable String cursor)
            throws VenueException {
        if (pageSize < 1 || pageSize > MAX_EVENTS_PAGE) {
            throw new IllegalArgumentException("Kalshi events page size must be 1..200");
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(pageSize));
        q.put("cursor", cursor);
        q.put("series_ticker", seriesTicker);
        q.put("status", status);
        q.put("with_nested_markets", withNestedMarkets ? "true" : null);
        JsonNode root = http.getJson(q, "events");
        return new Page<>(
                VenueJson.arrayField(root, "events", false, VENUE, "GET /events"),
                VenueJson.cursor(root, "cursor"));
    }

    /** {@code GET /events/{event_ticker}?with_nested_markets=true}. */
    public Event event(String eventTicker) throws VenueException {
        JsonNode root = http.getJson(Map.of("with_nested_markets", "true"), "events", eventTicker);
        String path = "GET /events/" + eventTicker;
        JsonNode event = VenueJson.objectField(root, "event", VENUE, path);
        List<JsonNode> markets = VenueJson.arrayField(event, "markets", true, VENUE, path);
        if (markets.isEmpty()) {
            markets = VenueJson.arrayField(root, "markets", true, VENUE, path);
        }
        return new Event(event, markets);
    }

    /** {@code GET /series/{series_ticker}}: the series object. */
    public JsonNode series(String seriesTicker) throws VenueException {
        JsonNode root = http.getJson(Map.of(), "series", seriesTicker);
        return VenueJson.objectField(root, "series", VENUE, "GET /series/" + seriesTicker);
    }

    /**
     * {@code GET /series/{s}/markets/{t}/candlesticks}: one probability per candle, by the same
     * rule as live markets applied to the candle's closing bid, ask and price.
     *
     * @param startTs Unix seconds
     * @param endTs Unix seconds
     * @param periodMinutes 1, 60 or 1440
     */
    public List<TimedQuote> candlesticks(
            String seriesTicker, String ticker, long startTs, long endTs, int periodMinutes)
            throws VenueException {
        if (periodMinutes != 1 && periodMinutes != 60 && periodMinutes != 1440) {
            throw new IllegalArgumentException(
                    "Kalshi candle period must be 1, 60 or 1440 minutes, got " + periodMinutes);
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("start_ts", Long.toString(startTs));
        q.put("end_ts", Long.toString(endTs));
        q.put("period_interval", Integer.toString(periodMinutes));
        JsonNode root = http.getJson(q, "series", seriesTicker, "markets", ticker, "candlesticks");
        String path = "GET /series/" + seriesTicker + "/markets/" + ticker + "/candlesticks";
        List<TimedQuote> out = new ArrayList<>();
        for (JsonNode candle : VenueJson.arrayField(root, "candlesticks", false, VENUE, path)) {
            JsonNode end = candle.get("end_period_ts");
            String endText = YesProbability.idText(end);
            long endSeconds;
            try {
                endSeconds = endText == null ? -1 : Long.parseLong(endText);
            } catch (NumberFormatException e) {
                endSeconds = -1;
            }
            if (endSeconds < 0) {
                out.add(
                        new TimedQuote(
                                0,
                                new YesProbability.Skip(
                                        io.battleroyale.sources.venues.SkipReason.MISSING_FIELD,
                                        "end_period_ts is missing or not a Unix time")));
                continue;
            }
            out.add(new TimedQuote(endSeconds * 1000, YesProbability.kalshiCandle(candle)));
        }
        return out;
    }
}
