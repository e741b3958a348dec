package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Map;
import java.util.Optional;

/**
 * {@code max_gross_exposure}: {@code Σ |position| × price} over all of an agent's symbols after the
 * order must not exceed a limit. An order that makes an oversized exposure smaller passes.
 *
 * <p>A symbol is priced at its market's last close, else at the price its position was last marked
 * at; the ordered symbol falls back to the order's reference price.
 */
public final class MaxGrossExposureRule implements RiskRule {
    private final double limit;

    public MaxGrossExposureRule(double limit) {
        this.limit = limit;
    }

    @Override
    public String key() {
        return "max_gross_exposure";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        AgentRisk agent = state.agents.get(order.agent());
        double before = 0.0;
        double orderedPosition = 0.0;
        if (agent != null) {
            for (Map.Entry<String, Double> e : agent.positions.entrySet()) {
                before += Math.abs(e.getValue()) * price(state, agent, e.getKey(), order);
            }
            orderedPosition = agent.position(order.symbol());
        }
        double price = price(state, agent, order.symbol(), order);
        double orderedAfter = orderedPosition + order.side().sign() * order.quantity();
        double after = before - Math.abs(orderedPosition) * price + Math.abs(orderedAfter) * price;
        if (after > limit && after > before) {
            return Optional.of(
                    key()
                            + ": agent "
                            + order.agent()
                            + " "
                            + RiskRule.amount(before)
                            + " -> "
                            + RiskRule.amount(after)
                            + " > limit "
                            + RiskRule.amount(limit));
        }
        return Optional.empty();
    }

    private static double price(RiskState state, AgentRisk agent, String symbol, Order order) {
        SymbolMarket m = state.markets.get(symbol);
        if (m != null && m.lastPrice > 0) {
            return m.lastPrice;
        }
        Double mark = agent == null ? null : agent.marks.get(symbol);
        if (mark != null && mark > 0) {
            return mark;
        }
        return symbol.equals(order.symbol()) ? order.referencePrice() : 0.0;
    }
}
