package io.battleroyale.functions.indicators;

/**
 * Detects crossings of a fast series over a slow one. A Flink POJO.
 *
 * <p>The backtest rule: a cross happens at bar i when {@code fast − slow} at i has the opposite
 * sign of the last <em>non-zero</em> difference before i. A zero (or undefined) difference never
 * creates a cross and does not reset the remembered sign, so touching and separating again on the
 * same side is not a cross, while passing through zero over several bars is one cross.
 */
public class Crossover {

    /** Sign of the last non-zero difference; 0 before any. */
    public int lastSign;

    /** For Flink's POJO serializer, and a fresh detector. */
    public Crossover() {}

    /**
     * Feeds the difference at the next bar; returns +1 on an up-cross (fast now above), −1 on a
     * down-cross, 0 otherwise.
     */
    public int update(double difference) {
        // NaN compares false both ways, so an undefined difference is treated like a tie.
        int sign = difference > 0.0 ? 1 : difference < 0.0 ? -1 : 0;
        if (sign == 0) {
            return 0;
        }
        int previous = lastSign;
        lastSign = sign;
        return previous != 0 && previous != sign ? sign : 0;
    }

    /** {@link #update(double)} with {@code fast − slow}. */
    public int update(double fast, double slow) {
        return update(fast - slow);
    }
}
