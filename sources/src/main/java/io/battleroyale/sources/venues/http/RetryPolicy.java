package io.battleroyale.sources.venues.http;

import java.io.Serializable;
import java.time.Duration;

/**
 * Bounded retries with {@link Backoff} for 429, 5xx and transport failures (timeouts, resets). A
 * {@code Retry-After} from the venue is honoured when it is longer than the backoff; one longer
 * than {@link #maxRetryAfter()} ends the call at once rather than blocking a poller for an hour.
 *
 * @param maxAttempts total attempts including the first, at least one
 * @param maxRetryAfter the longest {@code Retry-After} the client agrees to wait
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration maxRetryAfter)
        implements Serializable {

    /** Four attempts, 0.5 s doubling to at most 8 s, Retry-After up to 60 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(
                    4,
                    new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 2),
                    Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative");
        }
    }
}
