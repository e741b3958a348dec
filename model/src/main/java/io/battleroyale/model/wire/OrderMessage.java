package io.battleroyale.model.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.model.Order;
import io.battleroyale.model.Side;
import io.battleroyale.model.bounds.Sizes;

import javax.annotation.Nullable;

import java.util.regex.Pattern;

/**
 * The body of the gateway's {@code POST /v1/orders}: the job's sink writes it with {@link #toJson}
 * and the gateway reads it with {@link #fromJson}, as does the sink when a 409 echoes the order the
 * gateway already holds. Unknown fields are ignored, so either side may add fields.
 *
 * @param referencePrice the decision bar's close, if the job knew one
 * @param ts the order's event time, epoch milliseconds
 */
public record OrderMessage(
        String clientOrderId,
        String agent,
        String symbol,
        Side side,
        double quantity,
        @Nullable Double referencePrice,
        long ts) {

    /** Alpaca allows up to 128 characters; no '/' so that the id fits in a URL path segment. */
    public static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    public static final Pattern AGENT = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    /** The message for an order of the job. */
    public static OrderMessage of(Order order) {
        double price = order.referencePrice();
        return new OrderMessage(
                order.clientOrderId(),
                order.agent(),
                order.symbol(),
                order.side(),
                order.quantity(),
                price > 0 && Double.isFinite(price) ? price : null,
                order.tsEvent());
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("client_order_id", clientOrderId);
        node.put("agent", agent);
        node.put("symbol", symbol);
        node.put("side", side.name());
        node.put("quantity", quantity);
        if (referencePrice != null) {
            node.put("reference_price", referencePrice);
        }
        node.put("ts", ts);
        return node;
    }

    /** Reads and checks every field, or throws a {@link WireException} naming the first bad one. */
    public static OrderMessage fromJson(JsonNode root) {
        String clientOrderId = JsonFields.text(root, "client_order_id", CLIENT_ORDER_ID);
        String agent = JsonFields.text(root, "agent", AGENT);
        String symbol = JsonFields.symbol(root, "symbol");
        Side side = JsonFields.side(root, "side");
        double quantity = JsonFields.number(root, "quantity", Sizes::quantity);
        Double referencePrice =
                root.hasNonNull("reference_price")
                        ? JsonFields.number(root, "reference_price", Sizes::price)
                        : null;
        if (referencePrice != null && quantity * referencePrice > Sizes.MAX_NOTIONAL) {
            throw new WireException(
                    "quantity",
                    false,
                    "quantity x reference_price (notional "
                            + quantity * referencePrice
                            + ") exceeds "
                            + Sizes.MAX_NOTIONAL);
        }
        long ts = JsonFields.epochMillis(root, "ts");
        return new OrderMessage(clientOrderId, agent, symbol, side, quantity, referencePrice, ts);
    }

    /** The same trade (agent, symbol, side, quantity): a genuine repeat, not a clash of ids. */
    public boolean sameTradeAs(OrderMessage other) {
        return agent.equals(other.agent)
                && symbol.equals(other.symbol)
                && side == other.side
                && Double.compare(quantity, other.quantity) == 0;
    }
}
