package io.battleroyale.operators.stress;

import io.battleroyale.model.ProbabilityTick;

import javax.annotation.Nullable;

import java.util.Locale;

/**
 * Venue outage: the event feed stops; ticks of {@code venue} (empty: every venue) observed in
 * {@code [start, end)} never arrive. Agents keep the last probability they saw, which ages.
 */
public record VenueOutage(String venue, long startTs, long endTs) implements Scenario {

    public static final String NAME = "venue_outage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "drop ticks of %s with %d <= t < %d",
                venue.isEmpty() ? "every venue" : "venue " + venue,
                startTs,
                endTs);
    }

    @Override
    @Nullable
    public ProbabilityTick probability(ProbabilityTick tick) {
        boolean down =
                (venue.isEmpty() || venue.equals(tick.venue()))
                        && tick.tsEvent() >= startTs
                        && tick.tsEvent() < endTs;
        return down ? null : tick;
    }
}
