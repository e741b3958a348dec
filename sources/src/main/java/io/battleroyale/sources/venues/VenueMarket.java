package io.battleroyale.sources.venues;

import com.fasterxml.jackson.databind.JsonNode;
import io.battleroyale.model.ProbabilityTick;

import javax.annotation.Nullable;

import java.util.Optional;

/**
 * A venue market as listed, with its yes probability already decided by {@link YesProbability}.
 *
 * @param venue {@code kalshi} or {@code polymarket}
 * @param marketId Kalshi ticker or Polymarket slug; {@code null} only when {@link #yes()} is a skip
 *     for {@link SkipReason#MISSING_ID}
 * @param title the market's title (Kalshi {@code title}, Polymarket {@code question}), falling back
 *     to the id
 * @param status the venue's own status word (Kalshi {@code status}; Polymarket derived from its
 *     {@code archived}/{@code closed}/{@code active} flags); {@code unknown} when not given
 * @param tsMillis epoch ms of the quote, or of the request when the venue gives no quote time
 * @param yes the probability or the reason there is none
 * @param yesTokenId Polymarket CLOB token id of the Yes outcome (exact decimal string), else null
 */
public record VenueMarket(
        String venue,
        @Nullable String marketId,
        String title,
        String status,
        long tsMillis,
        YesProbability.Result yes,
        @Nullable String yesTokenId) {

    /** A Kalshi {@code Market} object, observed at {@code requestMillis}. */
    public static VenueMarket kalshi(JsonNode market, long requestMillis) {
        if (!market.isObject()) {
            return new VenueMarket(
                    Venue.KALSHI.id(),
                    null,
                    "",
                    "unknown",
                    requestMillis,
                    YesProbability.kalshi(market),
                    null);
        }
        String ticker = YesProbability.idText(market.get("ticker"));
        String title = firstText(market, "title", "yes_sub_title", "subtitle");
        String status = firstText(market, "status");
        YesProbability.Result yes =
                ticker == null
                        ? new YesProbability.Skip(SkipReason.MISSING_ID, "ticker is missing")
                        : YesProbability.kalshi(market);
        return new VenueMarket(
                Venue.KALSHI.id(),
                ticker,
                title != null ? title : ticker != null ? ticker : "",
                status != null ? status : "unknown",
                requestMillis,
                yes,
                null);
    }

    /** A Polymarket Gamma {@code Market} object, observed at {@code requestMillis}. */
    public static VenueMarket polymarket(JsonNode market, long requestMillis) {
        if (!market.isObject()) {
            return new VenueMarket(
                    Venue.POLYMARKET.id(),
                    null,
                    "",
                    "unknown",
                    requestMillis,
                    YesProbability.polymarket(market),
                    null);
        }
        String slug = YesProbability.idText(market.get("slug"));
        String title = firstText(market, "question", "groupItemTitle", "title");
        YesProbability.Result yes =
                slug == null
                        ? new YesProbability.Skip(SkipReason.MISSING_ID, "slug is missing")
                        : YesProbability.polymarket(market);
        return new VenueMarket(
                Venue.POLYMARKET.id(),
                slug,
                title != null ? title : slug != null ? slug : "",
                polymarketStatus(market),
                requestMillis,
                yes,
                YesProbability.polymarketYesTokenId(market));
    }

    /** The tick for {@code eventKey}, or empty when this market was skipped. */
    public Optional<ProbabilityTick> toTick(String eventKey) {
        if (yes instanceof YesProbability.Quote q && marketId != null) {
            return Optional.of(
                    new ProbabilityTick(venue, marketId, eventKey, tsMillis, q.yesProbability()));
        }
        return Optional.empty();
    }

    private static String polymarketStatus(JsonNode m) {
        if (flag(m, "archived")) {
            return "archived";
        }
        if (flag(m, "closed")) {
            return "closed";
        }
        JsonNode active = m.get("active");
        if (active == null || active.isNull()) {
            return "unknown";
        }
        return flag(m, "active") ? "active" : "inactive";
    }

    /** Tolerates booleans sent as strings ({@code "true"}). */
    private static boolean flag(JsonNode m, String field) {
        JsonNode n = m.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText("").strip().equalsIgnoreCase("true");
    }

    @Nullable
    private static String firstText(JsonNode m, String... fields) {
        for (String f : fields) {
            JsonNode n = m.get(f);
            if (n != null && (n.isTextual() || n.isNumber()) && !n.asText().isBlank()) {
                return n.asText().strip();
            }
        }
        return null;
    }
}
