package io.battleroyale.functions.risk;

/**
 * What the risk gate knows about one symbol's market. A Flink POJO (public no-argument constructor,
 * public fields).
 */
public class SymbolMarket {
    /** Close of the last bar; {@code 0} before the first bar. */
    public double lastPrice;

    /** End ({@code start + length}) of the last bar; {@link Long#MIN_VALUE} before the first. */
    public long lastBarEndTs = Long.MIN_VALUE;

    /** New orders are paused until this event time (exclusive); {@link Long#MIN_VALUE} if never. */
    public long pausedUntil = Long.MIN_VALUE;

    public SymbolMarket() {}

    /** Whether a bar of this symbol has been seen. */
    public boolean hasBar() {
        return lastBarEndTs != Long.MIN_VALUE;
    }
}
