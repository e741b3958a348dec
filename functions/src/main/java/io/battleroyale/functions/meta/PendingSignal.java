package io.battleroyale.functions.meta;

/** A sub-agent signal waiting for its horizon to pass before it is scored. A Flink POJO. */
public class PendingSignal {
    public String agent;

    /** +1 for BUY, −1 for SELL. */
    public int direction;

    /** The regime when the signal was given: the one whose posterior the score updates. */
    public String regime;

    public long barIndex;

    /** The close of the signal's bar. */
    public double close;

    public PendingSignal() {}

    public PendingSignal(String agent, int direction, String regime, long barIndex, double close) {
        this.agent = agent;
        this.direction = direction;
        this.regime = regime;
        this.barIndex = barIndex;
        this.close = close;
    }
}
