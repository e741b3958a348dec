package io.battleroyale.sources.venues.http;

/**
 * A token bucket that keeps one venue's request rate under its published limit. Callers that find
 * the bucket empty reserve a token and sleep (through the injected {@link TimeSource}) until it is
 * due, so concurrent callers queue fairly instead of spinning.
 */
public final class TokenBucket {

    private final double permitsPerSecond;
    private final double capacity;
    private final TimeSource time;
    private double tokens;
    private long lastRefillNanos;

    /**
     * @param permitsPerSecond sustained rate, greater than zero
     * @param capacity the largest burst, at least one
     */
    public TokenBucket(double permitsPerSecond, double capacity, TimeSource time) {
        if (!(permitsPerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException(
                    "rate must be > 0 and capacity >= 1, got "
                            + permitsPerSecond
                            + " and "
                            + capacity);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.capacity = capacity;
        this.time = time;
        this.tokens = capacity;
        this.lastRefillNanos = time.nanoTime();
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes one token, sleeping until one is available. */
    public void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerSecond * 1e9);
        }
        if (waitNanos > 0) {
            time.sleepNanos(waitNanos);
        }
    }

    /**
     * Takes one token if one is available now, never waiting: for callers that would rather do
     * without the request than queue for it.
     */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    private void refill() {
        long now = time.nanoTime();
        tokens =
                Math.min(
                        capacity,
                        tokens + (now - lastRefillNanos) * permitsPerSecond / 1_000_000_000d);
        lastRefillNanos = now;
    }
}
