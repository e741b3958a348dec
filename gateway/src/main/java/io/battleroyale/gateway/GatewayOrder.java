package io.battleroyale.gateway;

import io.battleroyale.model.Side;
import io.battleroyale.model.wire.OrderMessage;

import javax.annotation.Nullable;

/**
 * An order the gateway accepted, as journaled and as the API shows it ({@code snake_case} JSON).
 *
 * @param referencePrice the price the job saw when it decided; used by the paper route when no last
 *     price was posted
 * @param ts the order's event time (epoch ms) as sent by the job
 * @param route {@code paper} or {@code alpaca}
 * @param brokerOrderId the broker's own id ({@code id} in Alpaca's order object)
 * @param rejectReason why the broker refused it, when {@code status} is rejected
 * @param acceptedAt wall-clock epoch ms when the gateway journaled it
 * @param updatedAt wall-clock epoch ms of the last status change
 */
public record GatewayOrder(
        String clientOrderId,
        String agent,
        String symbol,
        Side side,
        double quantity,
        @Nullable Double referencePrice,
        long ts,
        String route,
        OrderStatus status,
        @Nullable String brokerOrderId,
        @Nullable String rejectReason,
        double filledQty,
        @Nullable Double filledAvgPrice,
        double commission,
        long acceptedAt,
        long updatedAt) {

    /** A freshly accepted order, not yet routed. */
    static GatewayOrder pending(OrderMessage request, String route, long now) {
        return new GatewayOrder(
                request.clientOrderId(),
                request.agent(),
                request.symbol(),
                request.side(),
                request.quantity(),
                request.referencePrice(),
                request.ts(),
                route,
                OrderStatus.PENDING,
                null,
                null,
                0,
                null,
                0,
                now,
                now);
    }

    /** The same order after the route answered. */
    GatewayOrder withOutcome(RouteResult result, long now) {
        return new GatewayOrder(
                clientOrderId,
                agent,
                symbol,
                side,
                quantity,
                referencePrice,
                ts,
                route,
                result.status(),
                result.brokerOrderId(),
                result.reason(),
                result.filledQty(),
                result.fillPrice(),
                result.commission(),
                acceptedAt,
                now);
    }

    /** Signed quantity: positive for a buy. */
    double signedQuantity() {
        return side.sign() * quantity;
    }

    /** What the job sent. */
    OrderMessage message() {
        return new OrderMessage(clientOrderId, agent, symbol, side, quantity, referencePrice, ts);
    }
}
