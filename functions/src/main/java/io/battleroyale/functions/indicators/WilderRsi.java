package io.battleroyale.functions.indicators;

/**
 * Wilder's relative strength index, as state updated one close at a time. A Flink POJO.
 *
 * <p>The first average gain and loss are the simple means of the first {@code period}
 * close-to-close changes; after that each average is smoothed as {@code (previous × (period − 1) +
 * x) / period}. RSI = 100 − 100 / (1 + avgGain / avgLoss), 100 when the average loss is 0. The
 * value is defined from the close at index {@code period} (0-based), the first with {@code period}
 * changes behind it. One deliberate extra: when both averages are 0 (a perfectly flat series) the
 * RSI is 50, neutral, rather than 100, so that flat prices never read as overbought.
 */
public class WilderRsi {

    public int period;

    /**
     * Close-to-close changes seen so far, capped at {@code period} (only "enough yet?" matters).
     */
    public int changes;

    public boolean hasPreviousClose;
    public double previousClose;

    /** Average gain and loss; sums of the first changes while {@code changes < period}. */
    public double avgGain;

    public double avgLoss;

    /** For Flink's POJO serializer only. */
    public WilderRsi() {}

    public WilderRsi(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("RSI period must be >= 1, got " + period);
        }
        this.period = period;
    }

    /** Feeds the next close and returns the RSI after it, {@code NaN} until defined. */
    public double update(double close) {
        if (!hasPreviousClose) {
            hasPreviousClose = true;
            previousClose = close;
            return Double.NaN;
        }
        double change = close - previousClose;
        previousClose = close;
        double gain = change > 0 ? change : 0.0;
        double loss = change < 0 ? -change : 0.0;
        if (changes < period) {
            avgGain += gain;
            avgLoss += loss;
            changes++;
            if (changes < period) {
                return Double.NaN;
            }
            avgGain /= period;
            avgLoss /= period;
        } else {
            avgGain = (avgGain * (period - 1) + gain) / period;
            avgLoss = (avgLoss * (period - 1) + loss) / period;
        }
        return value();
    }

    /** The current RSI, {@code NaN} until {@code period} changes have been seen. */
    public double value() {
        if (changes < period) {
            return Double.NaN;
        }
        if (avgLoss == 0.0) {
            return avgGain == 0.0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }
}
