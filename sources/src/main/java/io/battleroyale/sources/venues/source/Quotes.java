package io.battleroyale.sources.venues.source;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.bounds.Timestamps;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.TimedQuote;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.YesProbability;

import java.util.ArrayList;
import java.util.List;

/** Turns venue history points into ticks and counted rejections. */
final class Quotes {

    private Quotes() {}

    static PollResult<ProbabilityTick> toTicks(
            Venue venue, VenueMarketRef ref, List<TimedQuote> quotes) {
        List<ProbabilityTick> ticks = new ArrayList<>();
        List<PollResult.Rejection> rejections = new ArrayList<>();
        for (TimedQuote quote : quotes) {
            if (!Timestamps.inWindow(quote.tsMillis())) {
                rejections.add(
                        new PollResult.Rejection(
                                SkipReason.OUT_OF_TIME_WINDOW,
                                ref.marketId() + ": time outside " + Timestamps.window(),
                                "history point at " + quote.tsMillis()));
            } else if (quote.yes() instanceof YesProbability.Quote q) {
                ticks.add(
                        new ProbabilityTick(
                                venue.id(),
                                ref.marketId(),
                                ref.eventKey(),
                                quote.tsMillis(),
                                q.yesProbability()));
            } else {
                YesProbability.Skip skip = (YesProbability.Skip) quote.yes();
                rejections.add(
                        new PollResult.Rejection(
                                skip.reason(),
                                ref.marketId() + ": " + skip.detail(),
                                "history point at " + quote.tsMillis()));
            }
        }
        return new PollResult<>(ticks, rejections);
    }
}
