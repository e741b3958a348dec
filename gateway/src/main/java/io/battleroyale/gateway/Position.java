package io.battleroyale.gateway;

import javax.annotation.Nullable;

/**
 * The gateway's net position in one symbol, across all agents, from its own fills (average-cost
 * accounting).
 *
 * @param quantity net signed quantity (negative = short)
 * @param avgPrice average cost of the open quantity; 0 when flat
 * @param realizedPnl profit realized by reducing or flipping the position, before commission
 * @param commission total commission paid on this symbol
 * @param lastPrice the last price posted to {@code /v1/prices}, if any
 */
public record Position(
        String symbol,
        double quantity,
        double avgPrice,
        double realizedPnl,
        double commission,
        @Nullable Double lastPrice) {}
