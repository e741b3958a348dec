package io.battleroyale.functions.indicators;

/**
 * Simple moving average over a {@link RollingWindow}: defined only once the window is full, so an
 * average over fewer bars than its period never drives a decision.
 */
public final class Sma {

    private Sma() {}

    /** Adds {@code value} and returns the average of the last {@code capacity} values, or NaN. */
    public static double update(RollingWindow window, double value) {
        window.add(value);
        return value(window);
    }

    /** The average of a full window, {@code NaN} while it is filling. */
    public static double value(RollingWindow window) {
        return window.isFull() ? window.mean() : Double.NaN;
    }
}
