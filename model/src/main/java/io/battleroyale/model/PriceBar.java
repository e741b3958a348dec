package io.battleroyale.model;

/**
 * One OHLCV bar of one symbol.
 *
 * @param tsEvent the bar's start
 * @param lengthMs the bar's length; {@code 0} while not yet known (file replay infers it per
 *     symbol)
 */
public record PriceBar(
        String symbol,
        long tsEvent,
        long lengthMs,
        double open,
        double high,
        double low,
        double close,
        double volume) {

    /** The time the bar closes: the latest observation time a decision on this bar may use. */
    public long endTs() {
        return tsEvent + lengthMs;
    }

    public PriceBar withLength(long newLengthMs) {
        return new PriceBar(symbol, tsEvent, newLengthMs, open, high, low, close, volume);
    }
}
