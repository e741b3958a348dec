package io.battleroyale.sources.venues.http;

import java.util.ArrayList;
import java.util.List;

/** A {@link TimeSource} whose sleeps return at once, advance its clock and are recorded. */
public final class FakeTime implements TimeSource {

    private long nanos;
    private long epochMillis;
    private final List<Long> sleeps = new ArrayList<>();

    public FakeTime(long epochMillis) {
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
    public synchronized void sleepNanos(long n) {
        sleeps.add(n);
        advanceNanos(n);
    }

    public synchronized void advanceNanos(long n) {
        nanos += n;
        epochMillis += n / 1_000_000L;
    }

    /** The recorded sleeps, in ms. */
    public synchronized List<Long> sleepsMillis() {
        return sleeps.stream().map(n -> n / 1_000_000L).toList();
    }

    public synchronized long totalSleptMillis() {
        return sleeps.stream().mapToLong(Long::longValue).sum() / 1_000_000L;
    }
}
