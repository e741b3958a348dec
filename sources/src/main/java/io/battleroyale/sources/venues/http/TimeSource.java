package io.battleroyale.sources.venues.http;

/**
 * Clock, ticker and sleeper in one, injected so that rate limiting and retries can be tested
 * without waiting: a test implementation advances its time when asked to sleep.
 */
public interface TimeSource {

    /** Monotonic nanoseconds, for rate limiting and backoff. */
    long nanoTime();

    /** Wall-clock epoch milliseconds, for request timestamps and signing. */
    long epochMillis();

    /** Blocks the calling thread for the given time. */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * Waits up to {@code nanos} or until {@code monitor.notifyAll()}, whichever comes first. The
     * caller holds {@code monitor}'s lock. The default sleeps (a fake clock advances at once); the
     * real clock waits on the monitor so that a poller can be woken early.
     */
    default void awaitNanos(Object monitor, long nanos) throws InterruptedException {
        sleepNanos(nanos);
    }

    /** The real clock and {@link Thread#sleep}. */
    TimeSource SYSTEM =
            new TimeSource() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public long epochMillis() {
                    return System.currentTimeMillis();
                }

                @Override
                public void sleepNanos(long nanos) throws InterruptedException {
                    if (nanos > 0) {
                        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
                    }
                }

                @Override
                public void awaitNanos(Object monitor, long nanos) throws InterruptedException {
                    if (nanos > 0) {
                        monitor.wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
                    }
                }
            };
}
