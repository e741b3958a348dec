package io.battleroyale.sources.venues;

/**
 * A historical probability point (a Kalshi candlestick or a Polymarket prices-history entry).
 *
 * @param tsMillis epoch ms from the venue (candle end, history point time)
 * @param yes the probability or why there is none
 */
public record TimedQuote(long tsMillis, YesProbability.Result yes) {}
