package io.battleroyale.gateway;

/** Executes accepted orders: the paper broker or a real broker's API. */
public interface ExecutionRoute extends AutoCloseable {

    /** {@code paper} or {@code alpaca}; journaled with each order. */
    String name();

    /**
     * Executes one order. Called at most once at a time per {@code client_order_id}; may be called
     * again for the same id after a {@link RouteException} or a restart, so a real broker must
     * receive the id and deduplicate on it.
     *
     * @param price the gateway's best price for the symbol (last posted price, else the order's
     *     reference price); NaN when neither is known
     */
    RouteResult submit(GatewayOrder order, double price) throws RouteException;

    @Override
    default void close() {}
}
