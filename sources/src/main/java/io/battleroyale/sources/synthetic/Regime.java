package io.battleroyale.sources.synthetic;

/** The synthetic market's state for one epoch (trading session). */
public enum Regime {
    /** Low volatility, rare news. */
    CALM,
    /** High volatility, frequent news. */
    VOLATILE
}
