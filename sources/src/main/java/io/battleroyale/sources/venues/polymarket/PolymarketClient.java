package io.battleroyale.sources.venues.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.sources.venues.Page;
import io.battleroyale.sources.venues.SkipReason;
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
import java.util.Optional;

/**
 * Read-only Polymarket client: Gamma for discovery (markets and events, keyset paging, lookup by
 * slug) and the CLOB for prices ({@code /midpoint}, {@code /prices-history}). No auth is needed.
 */
public final class PolymarketClient {

    public static final String GAMMA_PRODUCTION = "https://gamma-api.polymarket.com";
    public static final String CLOB_PRODUCTION = "https://clob.polymarket.com";

    /** Gamma {@code /markets} allows 300 per 10 s; stay at half. */
    public static final double GAMMA_PERMITS_PER_SECOND = 15;

    /** CLOB {@code /midpoint} allows 1,500 and {@code /prices-history} 1,000 per 10 s. */
    public static final double CLOB_PERMITS_PER_SECOND = 50;

    /** Gamma silently caps {@code limit} at 100, so never ask for more. */
    public static final int MAX_PAGE = 100;

    private static final String VENUE = Venue.POLYMARKET.id();

    private final VenueHttpClient gamma;
    private final VenueHttpClient clob;

    public PolymarketClient(VenueHttpClient gamma, VenueHttpClient clob) {
        this.gamma = gamma;
        this.clob = clob;
    }

    /** Clients of the given Gamma and CLOB base URLs, each with its own rate limit. */
    public static PolymarketClient create(
            String gammaBaseUrl,
            String clobBaseUrl,
            OkHttpClient okHttp,
            HttpSettings gammaSettings,
            HttpSettings clobSettings,
            TimeSource time) {
        return new PolymarketClient(
                new VenueHttpClient(
                        VENUE,
                        VenueHttpClient.parseBaseUrl(VENUE, gammaBaseUrl),
                        okHttp,
                        gammaSettings,
                        time,
                        null),
                new VenueHttpClient(
                        VENUE,
                        VenueHttpClient.parseBaseUrl(VENUE, clobBaseUrl),
                        okHttp,
                        clobSettings,
                        time,
                        null));
    }

    /**
     * Status filters of Gamma listings; {@code null} fields are not sent.
     *
     * @param pageSize 1–{@value #MAX_PAGE}
     */
    public record Filter(
            @Nullable Boolean active,
            @Nullable Boolean closed,
            @Nullable Boolean archived,
            @Nullable String tagId,
            int pageSize) {
        public Filter {
            if (pageSize < 1 || pageSize > MAX_PAGE) {
                throw new IllegalArgumentException("Polymarket page size must be 1.." + MAX_PAGE);
            }
        }

        /** Open markets: active, not closed, not archived; 100 per page. */
        public static Filter open() {
            return new Filter(true, false, false, null, MAX_PAGE);
        }
    }

    public VenueHttpClient gamma() {
        return gamma;
    }

    public VenueHttpClient clob() {
        return clob;
    }

    /**
     * One page of {@code GET /markets/keyset}; the cursor goes back as {@code after_cursor} (a
     * {@code cursor} parameter is silently ignored by Gamma). A bare array answer is accepted as a
     * single last page.
     */
    public Page<JsonNode> markets(Filter filter, @Nullable String afterCursor)
            throws VenueException {
        return keyset("markets", filter, afterCursor);
    }

    /** One page of {@code GET /events/keyset}. */
    public Page<JsonNode> events(Filter filter, @Nullable String afterCursor)
            throws VenueException {
        return keyset("events", filter, afterCursor);
    }

    private Page<JsonNode> keyset(String what, Filter filter, @Nullable String afterCursor)
            throws VenueException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(filter.pageSize()));
        q.put("after_cursor", afterCursor);
        q.put("active", filter.active() == null ? null : filter.active().toString());
        q.put("closed", filter.closed() == null ? null : filter.closed().toString());
        q.put("archived", filter.archived() == null ? null : filter.archived().toString());
        q.put("tag_id", filter.tagId());
        JsonNode root = gamma.getJson(q, what, "keyset");
        if (root.isArray()) {
            return new Page<>(VenueJson.elements(root), null);
        }
        String path = "GET /" + what + "/keyset";
        return new Page<>(
                VenueJson.arrayField(root, what, false, VENUE, path),
                VenueJson.cursor(root, "next_cursor"));
    }

    /** {@code GET /markets/slug/{slug}}; empty when Gamma answers 404. */
    public Optional<JsonNode> marketBySlug(String slug) throws VenueException {
        return bySlug("markets", slug);
    }

    /** {@code GET /events/slug/{slug}} (the event with its {@code markets}); empty on 404. */
    public Optional<JsonNode> eventBySlug(String slug) throws VenueException {
        return bySlug("events", slug);
    }

    private Optional<JsonNode> bySlug(String what, String slug) throws VenueException {
        JsonNode root;
        try {
            root = gamma.getJson(Map.of(), what, "slug", slug);
        } catch (VenueException e) {
            if (e.kind() == VenueException.Kind.HTTP_STATUS && e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        // tolerate a one-element array, as the listing endpoints answer
        if (root.isArray()) {
            return root.isEmpty() ? Optional.empty() : Optional.of(root.get(0));
        }
        return Optional.of(VenueJson.object(root, VENUE, "GET /" + what + "/slug/" + slug));
    }

    /** The markets of a Gamma event object ({@code markets} array, possibly absent). */
    public static List<JsonNode> marketsOf(JsonNode event) throws VenueException {
        return VenueJson.arrayField(event, "markets", true, VENUE, "event.markets");
    }

    /** {@code GET /midpoint?token_id=}: the CLOB midpoint of one token. */
    public YesProbability.Result midpoint(String tokenId) throws VenueException {
        JsonNode root = clob.getJson(Map.of("token_id", tokenId), "midpoint");
        VenueJson.object(root, VENUE, "GET /midpoint");
        return YesProbability.probability(
                "mid", root.get("mid"), YesProbability.Basis.CLOB_MIDPOINT);
    }

    /**
     * {@code GET /prices-history} over an explicit window (Polymarket caps windows at about 15
     * days; chunk longer ranges).
     *
     * @param startTs Unix seconds
     * @param endTs Unix seconds
     * @param fidelityMinutes resolution in minutes (use 720 or more for resolved markets)
     */
    public List<TimedQuote> pricesHistory(
            String tokenId, long startTs, long endTs, int fidelityMinutes) throws VenueException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("market", tokenId);
        q.put("startTs", Long.toString(startTs));
        q.put("endTs", Long.toString(endTs));
        q.put("fidelity", Integer.toString(fidelityMinutes));
        return history(q);
    }

    /**
     * {@code GET /prices-history} over a preset interval ({@code 1h}, {@code 6h}, {@code 1d},
     * {@code 1w}, {@code 1m}, {@code max}).
     */
    public List<TimedQuote> pricesHistory(String tokenId, String interval, int fidelityMinutes)
            throws VenueException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("market", tokenId);
        q.put("interval", interval);
        q.put("fidelity", Integer.toString(fidelityMinutes));
        return history(q);
    }

    private List<TimedQuote> history(Map<String, String> q) throws VenueException {
        JsonNode root = clob.getJson(q, "prices-history");
        List<TimedQuote> out = new ArrayList<>();
        for (JsonNode point :
                VenueJson.arrayField(root, "history", false, VENUE, "GET /prices-history")) {
            if (!point.isObject()) {
                out.add(
                        new TimedQuote(
                                0,
                                new YesProbability.Skip(
                                        SkipReason.NOT_AN_OBJECT,
                                        "history point is not an object")));
                continue;
            }
            long seconds = unixSeconds(point.get("t"));
            if (seconds < 0) {
                out.add(
                        new TimedQuote(
                                0,
                                new YesProbability.Skip(
                                        SkipReason.MISSING_FIELD,
                                        "t is missing or not a Unix time")));
                continue;
            }
            out.add(
                    new TimedQuote(
                            seconds * 1000,
                            YesProbability.probability(
                                    "p", point.get("p"), YesProbability.Basis.HISTORY_PRICE)));
        }
        return out;
    }

    private static long unixSeconds(@Nullable JsonNode t) {
        String text = YesProbability.idText(t);
        if (text == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(text);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
