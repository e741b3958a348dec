package io.battleroyale.sources.venues;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.http.VenueHttpClient;
import io.battleroyale.sources.venues.kalshi.KalshiClient;
import io.battleroyale.sources.venues.kalshi.KalshiSigner;
import io.battleroyale.sources.venues.polymarket.PolymarketClient;
import okhttp3.OkHttpClient;

import javax.annotation.Nullable;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The core of {@code ./battle markets}: lists a venue's markets, one JSON object per line on {@code
 * out} with exactly the keys {@code venue, market_id, title, yes_probability, ts, status} in that
 * order, following every page; skipped markets and a summary go to {@code err}.
 *
 * <p>Every outcome but {@link Outcome#LISTED} prints one line starting with {@code markets: } to
 * {@code err}; the command line turns outcomes into exit codes.
 */
public final class MarketsInspector {

    /** How a listing ended. */
    public enum Outcome {
        /** The venue answered and the listing is complete (or stopped at {@code --limit}). */
        LISTED,
        /** The venue could not be reached after retries or did not answer with its API. */
        UNREACHABLE,
        /** The request itself is wrong (a flag the venue does not take, a bad URL or limit). */
        BAD_REQUEST,
        /**
         * The venue answered but the paging guard cut the listing (repeating pages, endless
         * cursor).
         */
        INCOMPLETE,
        /** No market or event has the given slug. */
        NOT_FOUND
    }

    /** Status filter value meaning "no status filter". */
    public static final String ALL = "all";

    /** Default guard against never-ending cursors. */
    public static final int DEFAULT_MAX_PAGES = 10_000;

    /**
     * What to list.
     *
     * @param venue the venue
     * @param series Kalshi series ticker ({@code series_ticker})
     * @param event Kalshi event ticker, or Polymarket event slug
     * @param slug Polymarket market slug (falls back to an event with that slug)
     * @param baseUrl the venue's API root (Kalshi {@code …/trade-api/v2}; Polymarket Gamma); {@code
     *     null} for production
     * @param limit stop after this many markets printed; {@code null} for all
     * @param status {@code null} for open markets, {@value #ALL} for every status, else the venue's
     *     filter word (Kalshi {@code open|closed|settled|unopened|paused}; Polymarket {@code
     *     open|closed|archived})
     * @param maxPages stop with {@link Outcome#INCOMPLETE} after this many pages
     */
    public record Request(
            Venue venue,
            @Nullable String series,
            @Nullable String event,
            @Nullable String slug,
            @Nullable String baseUrl,
            @Nullable Integer limit,
            @Nullable String status,
            int maxPages) {

        /** Every open market of the venue in production. */
        public static Request of(Venue venue) {
            return new Request(venue, null, null, null, null, null, null, DEFAULT_MAX_PAGES);
        }

        public Request withSeries(@Nullable String s) {
            return new Request(venue, s, event, slug, baseUrl, limit, status, maxPages);
        }

        public Request withEvent(@Nullable String e) {
            return new Request(venue, series, e, slug, baseUrl, limit, status, maxPages);
        }

        public Request withSlug(@Nullable String s) {
            return new Request(venue, series, event, s, baseUrl, limit, status, maxPages);
        }

        public Request withBaseUrl(@Nullable String url) {
            return new Request(venue, series, event, slug, url, limit, status, maxPages);
        }

        public Request withLimit(@Nullable Integer n) {
            return new Request(venue, series, event, slug, baseUrl, n, status, maxPages);
        }

        public Request withStatus(@Nullable String s) {
            return new Request(venue, series, event, slug, baseUrl, limit, s, maxPages);
        }

        public Request withMaxPages(int n) {
            return new Request(venue, series, event, slug, baseUrl, limit, status, n);
        }
    }

    private final Map<String, String> env;
    private final TimeSource time;
    private final OkHttpClient okHttp;
    private final HttpSettings kalshiSettings;
    private final HttpSettings gammaSettings;

    /**
     * @param env environment for Kalshi credentials ({@value KalshiSigner#ENV_KEY_ID}, {@value
     *     KalshiSigner#ENV_KEY_PATH})
     */
    public MarketsInspector(
            Map<String, String> env,
            TimeSource time,
            OkHttpClient okHttp,
            HttpSettings kalshiSettings,
            HttpSettings gammaSettings) {
        this.env = env;
        this.time = time;
        this.okHttp = okHttp;
        this.kalshiSettings = kalshiSettings;
        this.gammaSettings = gammaSettings;
    }

    /**
     * The entry point for the command line: real clock, process environment, default timeouts,
     * retries and rate limits.
     */
    public static Outcome run(Request request, PrintStream out, PrintStream err) {
        return new MarketsInspector(
                        System.getenv(),
                        TimeSource.SYSTEM,
                        new OkHttpClient(),
                        HttpSettings.defaults(KalshiClient.DEFAULT_PERMITS_PER_SECOND),
                        HttpSettings.defaults(PolymarketClient.GAMMA_PERMITS_PER_SECOND))
                .inspect(request, out, err);
    }

    /** Lists the markets. */
    public Outcome inspect(Request request, PrintStream out, PrintStream err) {
        Listing listing = new Listing(request, out, err);
        try {
            if (request.limit() != null && request.limit() < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
            if (request.maxPages() < 1) {
                throw new IllegalArgumentException("max pages must be at least 1");
            }
            Outcome outcome =
                    request.venue() == Venue.KALSHI
                            ? listKalshi(request, listing)
                            : listPolymarket(request, listing);
            listing.summary();
            return outcome;
        } catch (IllegalArgumentException e) {
            err.println("markets: " + e.getMessage());
            return Outcome.BAD_REQUEST;
        } catch (VenueException e) {
            listing.summary();
            err.println("markets: " + e.getMessage());
            return e.kind() == VenueException.Kind.PAGING
                    ? Outcome.INCOMPLETE
                    : Outcome.UNREACHABLE;
        }
    }

    private Outcome listKalshi(Request r, Listing listing) throws VenueException {
        if (r.slug() != null) {
            throw new IllegalArgumentException(
                    "--slug is for Polymarket; use --series or --event for Kalshi");
        }
        KalshiClient client =
                KalshiClient.create(
                        r.baseUrl() == null ? KalshiClient.PRODUCTION : r.baseUrl(),
                        okHttp,
                        kalshiSettings,
                        time,
                        KalshiSigner.fromEnvironment(env, time::epochMillis));
        String status = r.status() == null ? "open" : r.status().strip().toLowerCase(Locale.ROOT);
        int pageSize =
                r.limit() == null
                        ? KalshiClient.MAX_MARKETS_PAGE
                        : Math.min(KalshiClient.MAX_MARKETS_PAGE, Math.max(r.limit(), 20));
        KalshiClient.MarketFilter filter =
                new KalshiClient.MarketFilter(
                        r.series(), r.event(), ALL.equals(status) ? null : status, null, pageSize);
        long[] requestMillis = {0};
        Pager.followAll(
                Venue.KALSHI.id(),
                "GET " + client.http().baseUrl().encodedPath() + "/markets",
                r.maxPages(),
                cursor -> {
                    requestMillis[0] = time.epochMillis();
                    return client.markets(filter, cursor);
                },
                m -> m.isObject() ? YesProbability.idText(m.get("ticker")) : null,
                m -> listing.accept(VenueMarket.kalshi(m, requestMillis[0])));
        return Outcome.LISTED;
    }

    private Outcome listPolymarket(Request r, Listing listing) throws VenueException {
        if (r.series() != null) {
            throw new IllegalArgumentException(
                    "--series is for Kalshi; use --event (event slug) or --slug for Polymarket");
        }
        PolymarketClient client =
                PolymarketClient.create(
                        r.baseUrl() == null ? PolymarketClient.GAMMA_PRODUCTION : r.baseUrl(),
                        PolymarketClient.CLOB_PRODUCTION,
                        okHttp,
                        gammaSettings,
                        gammaSettings,
                        time);
        if (r.slug() != null || r.event() != null) {
            return listPolymarketBySlug(client, r, listing);
        }
        String status = r.status() == null ? "open" : r.status().strip().toLowerCase(Locale.ROOT);
        PolymarketClient.Filter filter =
                switch (status) {
                    case "open" -> PolymarketClient.Filter.open();
                    case "closed" ->
                            new PolymarketClient.Filter(
                                    null, true, null, null, PolymarketClient.MAX_PAGE);
                    case "archived" ->
                            new PolymarketClient.Filter(
                                    null, null, true, null, PolymarketClient.MAX_PAGE);
                    case ALL ->
                            new PolymarketClient.Filter(
                                    null, null, null, null, PolymarketClient.MAX_PAGE);
                    default ->
                            throw new IllegalArgumentException(
                                    "Polymarket status must be open, closed, archived or all, got '"
                                            + status
                                            + "'");
                };
        long[] requestMillis = {0};
        Pager.followAll(
                Venue.POLYMARKET.id(),
                "GET /markets/keyset",
                r.maxPages(),
                cursor -> {
                    requestMillis[0] = time.epochMillis();
                    return client.markets(filter, cursor);
                },
                m -> m.isObject() ? YesProbability.idText(m.get("slug")) : null,
                m -> listing.accept(VenueMarket.polymarket(m, requestMillis[0])));
        return Outcome.LISTED;
    }

    private Outcome listPolymarketBySlug(PolymarketClient client, Request r, Listing listing)
            throws VenueException {
        List<JsonNode> markets;
        long requestMillis = time.epochMillis();
        if (r.slug() != null) {
            Optional<JsonNode> market = client.marketBySlug(r.slug());
            if (market.isPresent()) {
                markets = List.of(market.get());
            } else {
                requestMillis = time.epochMillis();
                Optional<JsonNode> event = client.eventBySlug(r.slug());
                if (event.isEmpty()) {
                    listing.err.println(
                            "markets: polymarket has no market or event with slug '"
                                    + r.slug()
                                    + "'");
                    return Outcome.NOT_FOUND;
                }
                markets = PolymarketClient.marketsOf(event.get());
            }
        } else {
            Optional<JsonNode> event = client.eventBySlug(r.event());
            if (event.isEmpty()) {
                listing.err.println(
                        "markets: polymarket has no event with slug '" + r.event() + "'");
                return Outcome.NOT_FOUND;
            }
            markets = PolymarketClient.marketsOf(event.get());
        }
        for (JsonNode m : markets) {
            if (!listing.accept(VenueMarket.polymarket(m, requestMillis))) {
                break;
            }
        }
        return Outcome.LISTED;
    }

    /** Prints markets, de-duplicates ids, counts skips and enforces the limit. */
    private static final class Listing {
        private final Request request;
        private final PrintStream out;
        private final PrintStream err;
        private final SkipCounter skips = new SkipCounter();
        private final Set<String> seen = new HashSet<>();
        private long printed;

        Listing(Request request, PrintStream out, PrintStream err) {
            this.request = request;
            this.out = out;
            this.err = err;
        }

        /** Returns false once the limit is reached. */
        boolean accept(VenueMarket m) {
            String id = m.marketId() == null ? "?" : m.marketId();
            if (m.marketId() != null && !seen.add(m.marketId())) {
                skip(m.venue(), id, new YesProbability.Skip(SkipReason.DUPLICATE, "listed twice"));
                return true;
            }
            if (m.yes() instanceof YesProbability.Skip s) {
                skip(m.venue(), id, s);
                return true;
            }
            out.println(jsonLine(m, ((YesProbability.Quote) m.yes()).yesProbability()));
            printed++;
            return request.limit() == null || printed < request.limit();
        }

        private void skip(String venue, String id, YesProbability.Skip s) {
            skips.count(s.reason());
            err.println(
                    "skipped "
                            + venue
                            + " "
                            + id
                            + ": "
                            + s.reason().metricName()
                            + " ("
                            + s.detail()
                            + ")");
        }

        void summary() {
            err.println(
                    request.venue().id()
                            + ": "
                            + printed
                            + " markets listed, "
                            + skips.total()
                            + " skipped"
                            + (skips.total() == 0 ? "" : " (" + skips + ")"));
        }
    }

    /** One output line, keys in the documented order. */
    static String jsonLine(VenueMarket m, double yesProbability) {
        ObjectNode node = VenueHttpClient.MAPPER.createObjectNode();
        node.put("venue", m.venue());
        node.put("market_id", m.marketId());
        node.put("title", m.title());
        node.put("yes_probability", yesProbability);
        node.put("ts", m.tsMillis());
        node.put("status", m.status());
        try {
            return VenueHttpClient.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON line", e);
        }
    }
}
