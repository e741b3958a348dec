package io.battleroyale.functions.indicators;

/**
 * Rolling z-score: how many population standard deviations the latest value lies from the mean of a
 * window that includes it (Bollinger-band convention).
 */
public final class ZScore {

    private ZScore() {}

    /**
     * Adds {@code value} and returns its z-score over the full window; {@code NaN} while the window
     * is filling or when its values do not vary.
     */
    public static double update(RollingWindow window, double value) {
        window.add(value);
        if (!window.isFull()) {
            return Double.NaN;
        }
        double sd = window.stddev();
        return sd > 0.0 ? (value - window.mean()) / sd : Double.NaN;
    }
}
