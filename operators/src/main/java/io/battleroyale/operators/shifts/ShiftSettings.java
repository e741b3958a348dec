package io.battleroyale.operators.shifts;

import java.io.Serializable;
import java.time.Duration;

/**
 * Parameters of the probability-shift patterns (docs/events.md).
 *
 * @param threshold SURGE / DROP: the yes probability moves by at least this much (absolute, e.g.
 *     0.15 = 15 points)
 * @param windowMs SURGE / DROP: ... within this much event time (first to last tick, inclusive)
 * @param crossLevel CROSS_UP / CROSS_DOWN: the level crossed, e.g. 0.70
 * @param crossConfirmMs CROSS_*: how long the probability must stay beyond the level; the shift is
 *     emitted on the first tick at least this long after the crossing tick
 * @param whipsawWindowMs WHIPSAW: a move of at least {@code threshold} and a reversal of at least
 *     {@code threshold} within this much event time
 */
public record ShiftSettings(
        double threshold,
        long windowMs,
        double crossLevel,
        long crossConfirmMs,
        long whipsawWindowMs)
        implements Serializable {

    public static final ShiftSettings DEFAULTS =
            new ShiftSettings(
                    0.15,
                    Duration.ofMinutes(60).toMillis(),
                    0.70,
                    Duration.ofMinutes(30).toMillis(),
                    Duration.ofHours(4).toMillis());

    public ShiftSettings {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "shift threshold must be in (0, 1], got " + threshold);
        }
        if (!(crossLevel > 0 && crossLevel < 1)) {
            throw new IllegalArgumentException("cross level must be in (0, 1), got " + crossLevel);
        }
        if (windowMs <= 0 || crossConfirmMs < 0 || whipsawWindowMs <= 0) {
            throw new IllegalArgumentException(
                    "shift and whipsaw windows must be > 0, cross confirmation >= 0");
        }
    }

    /** These settings with another SURGE / DROP window. */
    public ShiftSettings withWindow(long windowMs) {
        return new ShiftSettings(threshold, windowMs, crossLevel, crossConfirmMs, whipsawWindowMs);
    }
}
