package io.battleroyale.model.bounds;

/**
 * Finite upper bounds on prices, quantities and notionals, far beyond any real market but small
 * enough that sums and products of them stay finite: a value inside these bounds can never turn a
 * book into {@code Infinity} or {@code NaN}.
 */
public final class Sizes {

    /** Highest price of one unit. */
    public static final double MAX_PRICE = 1e9;

    /** Highest quantity of one order, fill or position. */
    public static final double MAX_QUANTITY = 1e10;

    /** Highest notional (quantity × price) of one order, and highest cash of one sleeve. */
    public static final double MAX_NOTIONAL = 1e13;

    /** Highest traded volume of one bar. */
    public static final double MAX_VOLUME = 1e18;

    private Sizes() {}

    /** A price: finite, {@code > 0} and at most {@link #MAX_PRICE}. */
    public static double price(String field, double value) {
        return positive(field, value, MAX_PRICE);
    }

    /** A quantity: finite, {@code > 0} and at most {@link #MAX_QUANTITY}. */
    public static double quantity(String field, double value) {
        return positive(field, value, MAX_QUANTITY);
    }

    /** A notional or an amount of cash: finite, {@code > 0} and at most {@link #MAX_NOTIONAL}. */
    public static double notional(String field, double value) {
        return positive(field, value, MAX_NOTIONAL);
    }

    /** A volume: finite, {@code >= 0} and at most {@link #MAX_VOLUME}. */
    public static double volume(String field, double value) {
        if (!(value >= 0 && value <= MAX_VOLUME)) {
            throw new IllegalArgumentException(
                    field + ": " + value + " is not a volume between 0 and " + MAX_VOLUME);
        }
        return value;
    }

    private static double positive(String field, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException(
                    field + ": " + value + " is not a finite number > 0 and <= " + max);
        }
        return value;
    }
}
