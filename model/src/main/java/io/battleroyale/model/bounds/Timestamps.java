package io.battleroyale.model.bounds;

import java.time.Instant;

/**
 * The window every event time must fall in: from 1970-01-01 (inclusive) to 2200-01-01 (exclusive),
 * epoch milliseconds UTC. Inside it, adding any bar length or window of at most {@link
 * #MAX_SPAN_MS} cannot overflow a {@code long}, so no time arithmetic downstream needs to check.
 */
public final class Timestamps {

    /** 1970-01-01T00:00:00Z. */
    public static final long MIN_MS = 0L;

    /** 2200-01-01T00:00:00Z, exclusive. */
    public static final long END_MS = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();

    /** The longest bar length, window or duration a setting may have: 100 years. */
    public static final long MAX_SPAN_MS = 100L * 366 * 24 * 3600 * 1000;

    private Timestamps() {}

    /** Whether {@code ms} lies in the window. */
    public static boolean inWindow(long ms) {
        return ms >= MIN_MS && ms < END_MS;
    }

    /**
     * Returns {@code ms} if it lies in the window.
     *
     * @throws IllegalArgumentException naming {@code field} and the window
     */
    public static long check(String field, long ms) {
        if (!inWindow(ms)) {
            throw new IllegalArgumentException(
                    field + ": " + ms + " is outside the time window " + window());
        }
        return ms;
    }

    /** Returns {@code ms} if it is a span of at most {@link #MAX_SPAN_MS}, not negative. */
    public static long checkSpan(String field, long ms) {
        if (ms < 0 || ms > MAX_SPAN_MS) {
            throw new IllegalArgumentException(
                    field + ": " + ms + " ms is not a span between 0 and 100 years");
        }
        return ms;
    }

    /** The window as text, for messages. */
    public static String window() {
        return "[1970-01-01, 2200-01-01) (epoch ms " + MIN_MS + " to " + END_MS + ")";
    }
}
