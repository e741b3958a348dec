package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.venues.Venue;

import javax.annotation.Nullable;

/**
 * One configured prediction market a probability source polls: a split.
 *
 * @param venue the venue
 * @param marketId Kalshi market ticker or Polymarket slug; the {@code marketId} of every tick
 * @param eventKey the event the market prices, e.g. {@code fed_hike}; the {@code eventKey} of every
 *     tick
 * @param seriesTicker Kalshi: the series of the market (needed for candlesticks); {@code null}
 *     means the ticker's first dash-separated part ({@code KXFED-26JUN-T3.75} → {@code KXFED})
 * @param tokenId Polymarket: the CLOB token id of the Yes outcome (exact decimal string); {@code
 *     null} means look it up once from Gamma by slug
 */
public record VenueMarketRef(
        Venue venue,
        String marketId,
        String eventKey,
        @Nullable String seriesTicker,
        @Nullable String tokenId)
        implements PollTarget {

    public VenueMarketRef {
        if (marketId == null || marketId.isBlank()) {
            throw new IllegalArgumentException(venue.id() + ": market id must not be blank");
        }
        if (eventKey == null || eventKey.isBlank()) {
            throw new IllegalArgumentException(
                    venue.id() + " " + marketId + ": event key must not be blank");
        }
        if (seriesTicker != null && seriesTicker.isBlank()) {
            seriesTicker = null;
        }
        if (tokenId != null && tokenId.isBlank()) {
            tokenId = null;
        }
    }

    /** A Kalshi market; the series is derived from the ticker. */
    public static VenueMarketRef kalshi(String ticker, String eventKey) {
        return new VenueMarketRef(Venue.KALSHI, ticker, eventKey, null, null);
    }

    /** A Polymarket market by slug and Yes token id ({@code null}: looked up from Gamma). */
    public static VenueMarketRef polymarket(
            String slug, @Nullable String yesTokenId, String eventKey) {
        return new VenueMarketRef(Venue.POLYMARKET, slug, eventKey, null, yesTokenId);
    }

    /** {@code kalshi:KXFED-26JUN-T3.75}, {@code polymarket:fed-cuts-in-june}. */
    @Override
    public String splitId() {
        return venue.id() + ":" + marketId;
    }

    /** The Kalshi series: as configured, else the ticker up to its first dash. */
    public String kalshiSeries() {
        if (seriesTicker != null) {
            return seriesTicker;
        }
        int dash = marketId.indexOf('-');
        return dash > 0 ? marketId.substring(0, dash) : marketId;
    }
}
