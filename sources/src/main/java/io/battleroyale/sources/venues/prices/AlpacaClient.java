package io.battleroyale.sources.venues.prices;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.Page;
import io.battleroyale.sources.venues.Pager;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.VenueJson;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import io.battleroyale.sources.venues.source.PollResult;
import okhttp3.OkHttpClient;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alpaca market data stock bars ({@code GET /v2/stocks/{symbol}/bars}), keyed with {@code
 * APCA-API-KEY-ID} / {@code APCA-API-SECRET-KEY}, following {@code next_page_token} to the end.
 */
public final class AlpacaClient {

    public static final String FEED = "alpaca";
    public static final String PRODUCTION = "https://data.alpaca.markets";

    /** The free plan allows about 200 requests a minute; stay at half. */
    public static final double DEFAULT_PERMITS_PER_SECOND = 1.5;

    /** The largest {@code limit}. */
    public static final int MAX_PAGE = 10_000;

    /** Pages one listing may take before it is called a loop. */
    public static final int MAX_PAGES = 1_000;

    private final VenueHttpClient http;
    private final String dataFeed;

    /**
     * @param dataFeed Alpaca's {@code feed} parameter: {@code iex} (free) or {@code sip} (paid)
     */
    public AlpacaClient(VenueHttpClient http, String dataFeed) {
        this.http = http;
        this.dataFeed = dataFeed;
    }

    public static AlpacaClient create(
            String baseUrl,
            OkHttpClient okHttp,
            HttpSettings settings,
            TimeSource time,
            AlpacaCredentials credentials,
            String dataFeed) {
        return new AlpacaClient(
                new VenueHttpClient(
                        FEED,
                        VenueHttpClient.parseBaseUrl(FEED, baseUrl),
                        okHttp,
                        settings,
                        time,
                        (request, method, path) ->
                                request.header("APCA-API-KEY-ID", credentials.keyId())
                                        .header("APCA-API-SECRET-KEY", credentials.secretKey())),
                dataFeed);
    }

    /** Alpaca's {@code timeframe} for a bar length (1Min … 1Day). */
    public static String timeframe(Duration length) {
        long minutes = length.toMinutes();
        if (length.toMillis() != minutes * 60_000L) {
            minutes = -1;
        }
        return switch ((int) Math.min(minutes, Integer.MAX_VALUE)) {
            case 1 -> "1Min";
            case 5 -> "5Min";
            case 15 -> "15Min";
            case 30 -> "30Min";
            case 60 -> "1Hour";
            case 240 -> "4Hour";
            case 1440 -> "1Day";
            default ->
                    throw new IllegalArgumentException(
                            "Alpaca bar length must be 1, 5, 15 or 30 minutes, 1 or 4 hours or 1"
                                    + " day, got "
                                    + length);
        };
    }

    /** The bars of {@code symbol} starting in {@code [fromMs, toMs)}, oldest first, all pages. */
    public PollResult<PriceBar> bars(String symbol, Duration length, long fromMs, long toMs)
            throws VenueException {
        String timeframe = timeframe(length);
        String path = "GET /v2/stocks/" + symbol + "/bars";
        List<JsonNode> raw = new ArrayList<>();
        Pager.followAll(
                FEED,
                path,
                MAX_PAGES,
                cursor -> page(symbol, timeframe, fromMs, toMs, cursor, path),
                bar -> bar.isObject() && bar.hasNonNull("t") ? bar.get("t").asText() : null,
                bar -> raw.add(bar));
        List<PriceBar> bars = new ArrayList<>();
        List<PollResult.Rejection> rejections = new ArrayList<>();
        for (JsonNode node : raw) {
            long start = node.isObject() ? epochMillis(node.get("t")) : -1;
            if (start < 0) {
                rejections.add(
                        new PollResult.Rejection(
                                SkipReason.MISSING_FIELD,
                                symbol + ": bar time 't' is missing or not RFC-3339",
                                node.toString()));
                continue;
            }
            if (start < fromMs || start >= toMs) {
                continue;
            }
            PriceBar bar =
                    new PriceBar(
                            symbol,
                            start,
                            length.toMillis(),
                            Bars.number(node.get("o")),
                            Bars.number(node.get("h")),
                            Bars.number(node.get("l")),
                            Bars.number(node.get("c")),
                            Bars.number(node.get("v")));
            Object checked = Bars.checked(bar, node.toString());
            if (checked instanceof PriceBar ok) {
                bars.add(ok);
            } else {
                rejections.add((PollResult.Rejection) checked);
            }
        }
        bars.sort(Comparator.comparingLong(PriceBar::tsEvent));
        return new PollResult<>(bars, rejections);
    }

    private Page<JsonNode> page(
            String symbol,
            String timeframe,
            long fromMs,
            long toMs,
            @Nullable String pageToken,
            String path)
            throws VenueException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("timeframe", timeframe);
        q.put("start", Instant.ofEpochMilli(fromMs).toString());
        q.put("end", Instant.ofEpochMilli(toMs).toString());
        q.put("limit", Integer.toString(MAX_PAGE));
        q.put("adjustment", "raw");
        q.put("feed", dataFeed);
        q.put("sort", "asc");
        q.put("page_token", pageToken);
        JsonNode root = http.getJson(q, "v2", "stocks", symbol, "bars");
        VenueJson.object(root, FEED, path);
        JsonNode bars = root.get("bars");
        List<JsonNode> items;
        if (bars == null || bars.isNull()) {
            items = List.of();
        } else if (bars.isArray()) {
            items = VenueJson.elements(bars);
        } else if (bars.isObject()) {
            // the multi-symbol shape {"bars": {"SPY": [...]}}
            JsonNode mine = bars.get(symbol);
            items = mine == null || !mine.isArray() ? List.of() : VenueJson.elements(mine);
        } else {
            throw new VenueException(
                    FEED,
                    path,
                    VenueException.Kind.UNEXPECTED_SHAPE,
                    200,
                    "expected 'bars' to be an array or an object, got " + bars.getNodeType());
        }
        return new Page<>(items, VenueJson.cursor(root, "next_page_token"));
    }

    private static long epochMillis(@Nullable JsonNode t) {
        if (t == null || !t.isTextual()) {
            return -1;
        }
        try {
            return OffsetDateTime.parse(t.asText().strip()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
