package io.battleroyale.sources.venues;

import java.util.Locale;

/** The prediction-market venues with a client. */
public enum Venue {
    KALSHI("kalshi"),
    POLYMARKET("polymarket");

    private final String id;

    Venue(String id) {
        this.id = id;
    }

    /** The lower-case name used in files, metrics and JSON ({@code kalshi}, {@code polymarket}). */
    public String id() {
        return id;
    }

    /** Parses {@code kalshi} or {@code polymarket}, any case. */
    public static Venue of(String name) {
        for (Venue v : values()) {
            if (v.id.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "unknown venue '" + name + "': expected kalshi or polymarket");
    }
}
