package io.battleroyale.sources.venues.http;

import java.io.Serializable;
import java.time.Duration;

/**
 * Bounded retries with exponential backoff for 429, 5xx and transport failures (timeouts, resets).
 * A {@code Retry-After} from the venue is honoured when it is longer than the backoff; one longer
 * than {@link #maxRetryAfter()} ends the call at once rather than blocking a poller for an hour.
 *
 * @param maxAttempts total attempts including the first, at least one
 * @param initialBackoff wait after the first failure
 * @param maxBackoff cap on the exponential wait
 * @param maxRetryAfter the longest {@code Retry-After} the client agrees to wait
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter)
        implements Serializable {

    /** Four attempts, 0.5 s doubling to at most 8 s, Retry-After up to 60 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(
                    4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()
                || maxBackoff.compareTo(initialBackoff) < 0
                || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoff durations out of order");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): initial × 2^(attempt-1), capped. */
    public long backoffNanos(int attempt) {
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long wait = initial << shift;
        return wait < 0 || wait > max ? max : wait;
    }
}
