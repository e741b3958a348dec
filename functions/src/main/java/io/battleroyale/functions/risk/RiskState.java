package io.battleroyale.functions.risk;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything the risk gate needs to judge an order: per agent its positions, recent order times and
 * equity peak ({@link AgentRisk}); per symbol its last price, last bar time and circuit-breaker
 * pause ({@link SymbolMarket}).
 *
 * <p>A Flink POJO (public no-argument constructor, public fields; the maps get Flink's map
 * serializer, not Kryo), so one instance can be the value of a keyed {@code ValueState}: keyed by
 * agent it holds one agent (all of whose rules, gross exposure included, are then exact); keyed by
 * anything else it holds every agent of that key. {@link RiskGate#check} only reads it; the {@code
 * on*} / {@code record*} methods of {@link RiskGate} and {@link #pause} change it.
 */
public class RiskState implements CircuitBreaker {
    /** Per agent name. */
    public Map<String, AgentRisk> agents = new HashMap<>();

    /** Per symbol. */
    public Map<String, SymbolMarket> markets = new HashMap<>();

    public RiskState() {}

    /** The agent's state, created empty if unseen. */
    public AgentRisk agent(String agent) {
        return agents.computeIfAbsent(agent, a -> new AgentRisk());
    }

    /** The symbol's market state, created empty if unseen. */
    public SymbolMarket market(String symbol) {
        return markets.computeIfAbsent(symbol, s -> new SymbolMarket());
    }

    /** Whether the kill switch has halted {@code agent}. */
    public boolean isHalted(String agent) {
        AgentRisk a = agents.get(agent);
        return a != null && a.halted;
    }

    @Override
    public void pause(String symbol, long untilTs) {
        SymbolMarket m = market(symbol);
        m.pausedUntil = Math.max(m.pausedUntil, untilTs);
    }

    @Override
    public boolean isPaused(String symbol, long ts) {
        SymbolMarket m = markets.get(symbol);
        return m != null && ts < m.pausedUntil;
    }
}
