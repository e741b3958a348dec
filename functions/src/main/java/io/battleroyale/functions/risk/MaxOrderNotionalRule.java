package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Optional;

/**
 * {@code max_order_notional}: one order's {@code quantity × reference price} must not exceed a
 * limit.
 */
public final class MaxOrderNotionalRule implements RiskRule {
    private final double limit;

    public MaxOrderNotionalRule(double limit) {
        this.limit = limit;
    }

    @Override
    public String key() {
        return "max_order_notional";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        double notional = Math.abs(order.notional());
        if (notional > limit) {
            return Optional.of(
                    key()
                            + ": "
                            + RiskRule.amount(notional)
                            + " > limit "
                            + RiskRule.amount(limit));
        }
        return Optional.empty();
    }
}
