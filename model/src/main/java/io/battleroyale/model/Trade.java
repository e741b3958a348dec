package io.battleroyale.model;

import javax.annotation.Nullable;

/**
 * One round trip of one sleeve. A position still open at the end has no exit and its {@code pnl} is
 * marked at the last close.
 *
 * @param quantity signed: positive for a long, negative for a short
 * @param pnl net of commissions and slippage on both legs
 * @param entryDecision {@link Decision#id()} of the decision whose order opened the position
 * @param exitDecision {@link Decision#id()} of the decision whose order closed it, {@code null}
 *     while open
 */
public record Trade(
        String agent,
        String symbol,
        long entryTs,
        double entryPrice,
        @Nullable Long exitTs,
        @Nullable Double exitPrice,
        double quantity,
        double pnl,
        @Nullable String entryDecision,
        @Nullable String exitDecision) {

    public boolean isOpen() {
        return exitTs == null;
    }
}
