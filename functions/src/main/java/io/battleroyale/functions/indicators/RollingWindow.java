package io.battleroyale.functions.indicators;

/**
 * A ring buffer of the last {@code capacity} values with a running sum: the state behind simple
 * moving averages and rolling z-scores. A Flink POJO.
 *
 * <p>The running sum is recomputed from the buffer every time the ring wraps, so rounding error
 * cannot accumulate over millions of bars while {@link #add} stays O(1) amortised.
 */
public class RollingWindow {

    /** The ring; its length is the capacity. */
    public double[] values;

    /** How many values the window holds, at most {@code values.length}. */
    public int count;

    /** Index the next value is written to. */
    public int next;

    /** Sum of the values held. */
    public double sum;

    /** For Flink's POJO serializer only. */
    public RollingWindow() {
        this.values = new double[0];
    }

    public RollingWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be >= 1, got " + capacity);
        }
        this.values = new double[capacity];
    }

    /** Appends a value, evicting the oldest once the window is full. */
    public void add(double value) {
        int capacity = values.length;
        if (count == capacity) {
            sum -= values[next];
        } else {
            count++;
        }
        values[next] = value;
        sum += value;
        next++;
        if (next == capacity) {
            next = 0;
            resum();
        }
    }

    /**
     * A window of another capacity holding the latest values of this one (as many as fit), oldest
     * first: how a restored indicator follows a changed parameter without a cold start.
     */
    public RollingWindow resized(int capacity) {
        RollingWindow out = new RollingWindow(capacity);
        int keep = Math.min(count, capacity);
        int length = values.length;
        for (int i = count - keep; i < count; i++) {
            // the i-th oldest value: the ring starts at next once it is full
            out.add(values[count == length ? (next + i) % length : i]);
        }
        return out;
    }

    public int capacity() {
        return values.length;
    }

    public int size() {
        return count;
    }

    public boolean isFull() {
        return count == values.length;
    }

    /** The most recently added value; {@code NaN} when empty. */
    public double latest() {
        if (count == 0) {
            return Double.NaN;
        }
        return values[next == 0 ? values.length - 1 : next - 1];
    }

    /** Mean of the values held (the simple moving average once full); {@code NaN} when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Population standard deviation (divides by n) of the values held, computed in two passes over
     * the buffer for accuracy; {@code NaN} when empty.
     */
    public double stddev() {
        return count == 0 ? Double.NaN : Math.sqrt(sumOfSquaredDeviations() / count);
    }

    /** Sample standard deviation (divides by n − 1); {@code NaN} with fewer than two values. */
    public double sampleStddev() {
        return count < 2 ? Double.NaN : Math.sqrt(sumOfSquaredDeviations() / (count - 1));
    }

    private double sumOfSquaredDeviations() {
        double mean = mean();
        double ss = 0.0;
        // Unfilled slots are never read: when not full, the values sit in [0, count).
        for (int i = 0; i < count; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        return ss;
    }

    private void resum() {
        double s = 0.0;
        for (int i = 0; i < count; i++) {
            s += values[i];
        }
        sum = s;
    }
}
