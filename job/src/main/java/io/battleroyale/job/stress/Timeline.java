package io.battleroyale.job.stress;

import java.util.Arrays;
import java.util.List;

/**
 * When the base run's bars start (distinct, ascending, over every symbol) and which symbols it
 * trades: scenarios are placed at fractions of this timeline, so a window always covers bars even
 * when sessions leave gaps (nights, weekends).
 */
public record Timeline(long[] barStarts, long barLengthMs, List<String> symbols) {

    public Timeline {
        if (barStarts.length < 2) {
            throw new IllegalArgumentException(
                    "stress needs at least two bar times, got " + barStarts.length);
        }
        barStarts = barStarts.clone();
        Arrays.sort(barStarts);
        symbols = List.copyOf(symbols);
    }

    /** The start of the bar at {@code fraction} of the run, clamped into it. */
    public long at(double fraction) {
        int i = (int) Math.floor(fraction * barStarts.length);
        return barStarts[Math.max(0, Math.min(barStarts.length - 1, i))];
    }

    /** The end of the whole run: the last bar's end. */
    public long end() {
        return barStarts[barStarts.length - 1] + barLengthMs;
    }

    /** How many bar times lie in [from, to). */
    public int barsBetween(long from, long to) {
        int a = lowerBound(from);
        int b = lowerBound(to);
        return b - a;
    }

    private int lowerBound(long t) {
        int i = Arrays.binarySearch(barStarts, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && barStarts[i - 1] == t) {
            i--;
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline t
                && Arrays.equals(barStarts, t.barStarts)
                && barLengthMs == t.barLengthMs
                && symbols.equals(t.symbols);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(barStarts) + symbols.hashCode();
    }

    @Override
    public String toString() {
        return "Timeline[" + barStarts.length + " bar times, " + symbols + "]";
    }
}
