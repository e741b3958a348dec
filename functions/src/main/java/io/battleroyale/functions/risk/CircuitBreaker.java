package io.battleroyale.functions.risk;

/**
 * Pauses new orders on a symbol, for instance after the CEP flash-crash detector fired. The gate
 * refuses an order on a paused symbol whose event time is before the pause's end.
 */
public interface CircuitBreaker {

    /**
     * Pauses {@code symbol} until {@code untilTs} (event time, exclusive). A later end extends the
     * pause; an earlier one never shortens it.
     */
    void pause(String symbol, long untilTs);

    /** Whether an order on {@code symbol} at event time {@code ts} is paused. */
    boolean isPaused(String symbol, long ts);
}
