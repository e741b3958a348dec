package io.battleroyale.model;

import javax.annotation.Nullable;

/**
 * What a live probability source emits: a quote, or a change of its venue's health. Exactly one of
 * {@code tick} and {@code status} is set (one stream type, so both keep their order from one reader
 * and neither needs Kryo).
 */
public record VenueUpdate(@Nullable ProbabilityTick tick, @Nullable VenueStatus status) {

    public static VenueUpdate of(ProbabilityTick tick) {
        return new VenueUpdate(tick, null);
    }

    public static VenueUpdate of(VenueStatus status) {
        return new VenueUpdate(null, status);
    }

    /** Event time of whatever this carries. */
    public long tsEvent() {
        return tick != null ? tick.tsEvent() : status.tsEvent();
    }
}
