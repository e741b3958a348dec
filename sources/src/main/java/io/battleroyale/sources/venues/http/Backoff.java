package io.battleroyale.sources.venues.http;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff, the one rule for every HTTP retry of the project (venue clients and the
 * gateway sink): the wait before retry {@code n} (1-based) is {@code initial × multiplier^(n-1)},
 * at most {@code max}. A {@code Retry-After} ({@link RetryAfter}) may lengthen it.
 */
public record Backoff(Duration initial, Duration max, double multiplier) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "backoff needs 0 <= initial <= max, got " + initial + " and " + max);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException(
                    "backoff multiplier must be finite and >= 1, got " + multiplier);
        }
    }

    /** The wait before retry {@code retry} (1 = the first retry), in milliseconds. */
    public long delayMs(int retry) {
        double ms = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return (long) Math.min(ms, max.toMillis());
    }
}
