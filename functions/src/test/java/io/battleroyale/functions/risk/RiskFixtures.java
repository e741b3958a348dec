package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;

/** Orders and bars for the risk tests. */
final class RiskFixtures {
    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
    static final long MINUTE = 60_000L;

    private RiskFixtures() {}

    static Order buy(String agent, String symbol, double qty, double price, long ts) {
        return order(agent, symbol, Side.BUY, qty, price, ts);
    }

    static Order sell(String agent, String symbol, double qty, double price, long ts) {
        return order(agent, symbol, Side.SELL, qty, price, ts);
    }

    static Order order(String agent, String symbol, Side side, double qty, double price, long ts) {
        return new Order(agent + "-" + symbol + "-" + ts, agent, symbol, side, qty, ts, 0, price);
    }

    /**
     * A one-minute bar of {@code symbol} that ends at {@code endTs} and closes at {@code close}.
     */
    static PriceBar bar(String symbol, long endTs, double close) {
        return new PriceBar(symbol, endTs - MINUTE, MINUTE, close, close, close, close, 1_000);
    }

    static RiskState withBar(String symbol, long endTs, double close) {
        RiskState state = new RiskState();
        new RiskGate(RiskLimits.none()).onBar(state, bar(symbol, endTs, close));
        return state;
    }
}
