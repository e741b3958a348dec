package io.battleroyale.operators.join;

import java.util.Arrays;

/**
 * The recent probability observations of one market as seen by one symbol, in time order: enough to
 * answer "what was the probability as of t" for every t the symbol may still ask about.
 *
 * <p>A Flink POJO kept in keyed state; arrays rather than boxed lists because it is touched on
 * every tick.
 */
public class EventHistory {
    public String eventKey = "";
    public String group = "";
    public double sensitivity;
    public String venue = "";
    public String marketId = "";
    public long[] times = new long[4];
    public double[] probabilities = new double[4];
    public int size;

    public EventHistory() {}

    EventHistory(String eventKey, String group, double sensitivity, String venue, String marketId) {
        this.eventKey = eventKey;
        this.group = group;
        this.sensitivity = sensitivity;
        this.venue = venue;
        this.marketId = marketId;
    }

    /** Adds an observation, keeping time order; a later arrival at an equal time wins. */
    void add(long ts, double probability) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            probabilities = Arrays.copyOf(probabilities, size * 2);
        }
        int at = size;
        while (at > 0 && times[at - 1] > ts) {
            at--;
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        System.arraycopy(probabilities, at, probabilities, at + 1, size - at);
        times[at] = ts;
        probabilities[at] = probability;
        size++;
    }

    /** Index of the latest observation at or before {@code ts}, or -1. */
    int indexAsOf(long ts) {
        int at = size - 1;
        while (at >= 0 && times[at] > ts) {
            at--;
        }
        return at;
    }

    /**
     * Drops the observations no question "as of t" for a t after {@code cutoff} can need: those
     * before the latest one at or before the cutoff, and that one too once it is older than {@code
     * staleAfterMs} at the cutoff (stale for every such question). Only time decides, never what
     * has already arrived from after the cutoff, so the result is the same in every run.
     */
    void pruneBefore(long cutoff, long staleAfterMs) {
        int keepFrom = indexAsOf(cutoff);
        if (keepFrom >= 0 && cutoff - times[keepFrom] > staleAfterMs) {
            keepFrom++;
        }
        if (keepFrom <= 0) {
            return;
        }
        System.arraycopy(times, keepFrom, times, 0, size - keepFrom);
        System.arraycopy(probabilities, keepFrom, probabilities, 0, size - keepFrom);
        size -= keepFrom;
        // the arrays are state: on RocksDB every spare slot is serialized with every event
        if (times.length > 8 && size < times.length / 4) {
            times = Arrays.copyOf(times, Math.max(4, size * 2));
            probabilities = Arrays.copyOf(probabilities, times.length);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }
}
