package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.venues.http.TimeSource;

/**
 * A fake clock for reader tests: sleeps and poll waits advance it at once; a poll wait also yields
 * for at most a millisecond of real time (a bounded monitor wait) so an idle fetch thread does not
 * spin the CPU.
 */
public final class StepClock implements TimeSource {

    private long nanos;
    private long epochMillis;

    public StepClock(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long epochMillis() {
        return epochMillis;
    }

    @Override
    public void sleepNanos(long n) {
        advanceNanos(n);
    }

    @Override
    public void awaitNanos(Object monitor, long n) throws InterruptedException {
        advanceNanos(n);
        monitor.wait(1);
    }

    public synchronized void advanceNanos(long n) {
        nanos += n;
        epochMillis += n / 1_000_000L;
    }
}
