package io.battleroyale.model;

/**
 * An executed order.
 *
 * @param price the fill price including slippage
 * @param commission charged in cash, always non-negative
 */
public record Fill(
        String clientOrderId,
        String agent,
        String symbol,
        Side side,
        double quantity,
        double price,
        double commission,
        long tsEvent) {}
