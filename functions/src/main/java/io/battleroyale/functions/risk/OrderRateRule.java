package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code max_orders} per {@code order_rate_window}: an agent may send at most this many orders
 * (this one included) within any window of event time ending at the order's time.
 */
public final class OrderRateRule implements RiskRule {
    private final int maxOrders;
    private final long windowMs;

    public OrderRateRule(int maxOrders, Duration window) {
        this.maxOrders = maxOrders;
        this.windowMs = window.toMillis();
    }

    @Override
    public String key() {
        return "order_rate";
    }

    /** The window length in milliseconds. */
    public long windowMs() {
        return windowMs;
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        AgentRisk agent = state.agents.get(order.agent());
        int count = 1 + (agent == null ? 0 : countInWindow(agent, order.tsEvent()));
        if (count > maxOrders) {
            return Optional.of(
                    key()
                            + ": agent "
                            + order.agent()
                            + " "
                            + count
                            + " orders in "
                            + io.battleroyale.model.bounds.Durations.format(
                                    Duration.ofMillis(windowMs))
                            + " > limit "
                            + maxOrders);
        }
        return Optional.empty();
    }

    /** Orders in {@code (ts - window, ts]}. */
    int countInWindow(AgentRisk agent, long ts) {
        int n = 0;
        for (long t : agent.orderTimestamps) {
            if (t > ts - windowMs && t <= ts) {
                n++;
            }
        }
        return n;
    }
}
