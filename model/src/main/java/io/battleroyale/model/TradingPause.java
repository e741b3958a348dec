package io.battleroyale.model;

/**
 * New orders on a symbol are paused, e.g. by the flash-crash circuit breaker.
 *
 * @param fromTs when the pause was triggered (the event that triggered it)
 * @param untilTs when orders may flow again
 * @param reason what triggered it, with its numbers
 */
public record TradingPause(String symbol, long fromTs, long untilTs, String reason) {

    public boolean isActiveAt(long ts) {
        return fromTs <= ts && ts < untilTs;
    }
}
