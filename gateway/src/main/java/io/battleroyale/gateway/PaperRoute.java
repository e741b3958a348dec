package io.battleroyale.gateway;

/**
 * Fills every order at once and in full at the given price, moved against the order by the
 * slippage, and charges commission on the filled value.
 */
final class PaperRoute implements ExecutionRoute {
    private final double slippageBps;
    private final double feeBps;

    PaperRoute(double slippageBps, double feeBps) {
        this.slippageBps = slippageBps;
        this.feeBps = feeBps;
    }

    @Override
    public String name() {
        return "paper";
    }

    @Override
    public RouteResult submit(GatewayOrder order, double price) throws RouteException {
        if (!(price > 0) || Double.isInfinite(price)) {
            // the intake checks this before accepting; a retry after restart may lack a price
            throw new RouteException(
                    "no price for " + order.symbol() + ": post /v1/prices or send reference_price");
        }
        double fillPrice = price * (1 + order.side().sign() * slippageBps / 10_000.0);
        double commission = order.quantity() * fillPrice * feeBps / 10_000.0;
        return RouteResult.filled(
                "paper-" + order.clientOrderId(), order.quantity(), fillPrice, commission);
    }
}
