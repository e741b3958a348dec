package io.battleroyale.model;

/**
 * A market order from one agent's sleeve, to fill at the next bar's open.
 *
 * @param clientOrderId deterministic: the same input always yields the same id
 * @param referencePrice the close of the decision bar
 */
public record Order(
        String clientOrderId,
        String agent,
        String symbol,
        Side side,
        double quantity,
        long tsEvent,
        long barIndex,
        double referencePrice) {

    public double notional() {
        return quantity * referencePrice;
    }
}
