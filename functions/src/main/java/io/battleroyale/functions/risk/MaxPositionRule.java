package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Optional;

/**
 * {@code max_position}: the absolute net quantity an agent holds in one symbol after the order must
 * not exceed a limit. An order that makes an oversized position smaller passes.
 */
public final class MaxPositionRule implements RiskRule {
    private final double limit;

    public MaxPositionRule(double limit) {
        this.limit = limit;
    }

    @Override
    public String key() {
        return "max_position";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        AgentRisk agent = state.agents.get(order.agent());
        double before = agent == null ? 0.0 : agent.position(order.symbol());
        double after = before + order.side().sign() * order.quantity();
        if (Math.abs(after) > limit && Math.abs(after) > Math.abs(before)) {
            return Optional.of(
                    key()
                            + ": "
                            + order.symbol()
                            + " position "
                            + RiskRule.quantity(before)
                            + " "
                            + (order.side().sign() > 0 ? "+ " : "- ")
                            + RiskRule.quantity(order.quantity())
                            + " = "
                            + RiskRule.quantity(after)
                            + ", |"
                            + RiskRule.quantity(after)
                            + "| > limit "
                            + RiskRule.quantity(limit));
        }
        return Optional.empty();
    }
}
