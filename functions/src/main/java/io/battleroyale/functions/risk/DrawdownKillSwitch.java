package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Optional;

/**
 * {@code max_drawdown}: the per-agent kill switch. {@link #mark} halts an agent whose equity falls
 * more than the limit below its peak; a halted agent stays halted for the rest of the run, and
 * {@link #check} refuses all its orders.
 */
public final class DrawdownKillSwitch implements RiskRule {
    private final double maxDrawdown;

    public DrawdownKillSwitch(double maxDrawdown) {
        this.maxDrawdown = maxDrawdown;
    }

    @Override
    public String key() {
        return "max_drawdown";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        AgentRisk agent = state.agents.get(order.agent());
        if (agent != null && agent.halted) {
            return Optional.of(
                    key() + ": agent " + order.agent() + " is halted (" + agent.haltReason + ")");
        }
        return Optional.empty();
    }

    /**
     * Records the agent's equity at {@code ts}, updates its peak and halts it if the drawdown from
     * the peak exceeds the limit.
     *
     * @return whether this mark halted the agent (false if it was halted before)
     */
    public boolean mark(AgentRisk agent, double equity, long ts) {
        agent.equity = equity;
        agent.peakEquity = Math.max(agent.peakEquity, equity);
        if (agent.halted || !(agent.peakEquity > 0)) {
            return false;
        }
        double drawdown = (agent.peakEquity - equity) / agent.peakEquity;
        if (drawdown > maxDrawdown) {
            agent.halted = true;
            agent.haltedAt = ts;
            agent.haltReason =
                    "drawdown "
                            + RiskRule.percent(drawdown)
                            + " from peak "
                            + RiskRule.amount(agent.peakEquity)
                            + " to "
                            + RiskRule.amount(equity)
                            + " > limit "
                            + RiskRule.percent(maxDrawdown)
                            + " at "
                            + ts;
            return true;
        }
        return false;
    }
}
