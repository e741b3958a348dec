package io.battleroyale.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Lets one log line through per interval and counts the ones it held back, so that a client
 * hammering the gateway with bad tokens cannot flood its log; the metrics still count every one.
 */
final class RateLimitedLog {
    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong held = new AtomicLong();

    RateLimitedLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Runs {@code line} with the number of lines held back since the last, or holds it back. */
    void log(LongConsumer line) {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if ((next == Long.MIN_VALUE || now - next >= 0)
                && nextNanos.compareAndSet(next, now + intervalNanos)) {
            line.accept(held.getAndSet(0));
        } else {
            held.incrementAndGet();
        }
    }
}
