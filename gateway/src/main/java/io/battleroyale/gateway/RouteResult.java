package io.battleroyale.gateway;

import javax.annotation.Nullable;

/**
 * What a route answered for one order.
 *
 * @param status accepted, filled or rejected (never pending)
 * @param fillPrice the average fill price when filled
 * @param commission charged on the fill, non-negative
 */
public record RouteResult(
        OrderStatus status,
        @Nullable String brokerOrderId,
        double filledQty,
        @Nullable Double fillPrice,
        double commission,
        @Nullable String reason) {

    static RouteResult filled(
            @Nullable String brokerOrderId, double qty, double price, double commission) {
        return new RouteResult(OrderStatus.FILLED, brokerOrderId, qty, price, commission, null);
    }

    static RouteResult accepted(String brokerOrderId) {
        return new RouteResult(OrderStatus.ACCEPTED, brokerOrderId, 0, null, 0, null);
    }

    static RouteResult rejected(@Nullable String brokerOrderId, String reason) {
        return new RouteResult(OrderStatus.REJECTED, brokerOrderId, 0, null, 0, reason);
    }
}
