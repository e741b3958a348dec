package io.battleroyale.job.state;

import io.battleroyale.functions.book.SleeveState;
import io.battleroyale.functions.meta.ArmCounts;
import io.battleroyale.functions.meta.ThompsonMetaAgent;
import io.battleroyale.functions.risk.AgentRisk;
import io.battleroyale.functions.risk.RiskState;
import io.battleroyale.functions.risk.SymbolMarket;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an operator reads in the arena's state before an upgrade, per agent and symbol: the sleeves,
 * the meta-agent's posteriors per regime, the risk state, and the arena's own bookkeeping (open
 * mark period, timers). Built from {@link ArenaState.Contents}; printed as text or JSON.
 *
 * @param listed the agents of the roster the view was asked about ({@code --agents})
 * @param withoutState agents of the roster with no state: a restore starts them fresh
 * @param unlisted agents with state that the roster does not have: a restore carries their state
 *     unread ({@code state prune} drops it)
 */
public record ArenaView(
        List<String> listed,
        List<String> withoutState,
        List<String> unlisted,
        List<Agent> agents,
        List<Sleeve> sleeves,
        List<Regime> posteriors,
        List<Risk> risk,
        List<SymbolKey> symbols) {

    /**
     * One agent: whether it is in the roster, the symbols it holds a sleeve on, its memory type.
     */
    public record Agent(
            String name,
            boolean listed,
            boolean hasState,
            List<String> symbols,
            @Nullable String memory) {}

    /**
     * One sleeve (agent × symbol). {@code averagePrice} is the fill price of the leg that opened
     * the current position (positions open in one fill), 0 when flat; {@code realizedPnl} is the
     * sum of the closed round trips' pnl, net of commissions: cash + position × average price + the
     * entry commission − the initial cash.
     */
    public record Sleeve(
            String agent,
            String symbol,
            double cash,
            double position,
            double averagePrice,
            double realizedPnl,
            double equity,
            double maxDrawdown,
            int trades,
            int wins,
            long orders,
            @Nullable String pendingOrderId) {}

    /** The meta-agent's posteriors on one symbol in one regime; {@code current} if it is now. */
    public record Regime(
            String agent, String symbol, String regime, boolean current, List<Arm> arms) {}

    /** Beta(alpha, beta) of "this agent's signal was right", its mean and the signals scored. */
    public record Arm(String agent, double alpha, double beta, double mean, long scored) {}

    /** The risk gate's state on one symbol. */
    public record Risk(
            String symbol,
            @Nullable Double lastPrice,
            @Nullable Long lastBarEndTs,
            @Nullable Long pausedUntil,
            List<AgentRiskView> agents) {}

    /** The gate's view of one agent on the symbol. */
    public record AgentRiskView(
            String agent,
            double position,
            double equity,
            double peakEquity,
            int ordersInWindow,
            boolean halted,
            @Nullable String haltReason) {}

    /** The arena's bookkeeping for one symbol: the open mark period and the event-time timers. */
    public record SymbolKey(String symbol, @Nullable Long openPeriod, List<Long> eventTimers) {}

    /**
     * @param roster the agent names asked about
     * @param initialCash the cash each sleeve started with (for the realised pnl)
     */
    public static ArenaView of(
            ArenaState.Contents contents, List<String> roster, double initialCash) {
        TreeSet<String> withState = contents.agents();
        List<String> withoutState = new ArrayList<>();
        for (String name : roster) {
            if (!withState.contains(name)) {
                withoutState.add(name);
            }
        }
        List<String> unlisted = new ArrayList<>();
        for (String name : withState) {
            if (!roster.contains(name)) {
                unlisted.add(name);
            }
        }
        List<String> order = new ArrayList<>(roster);
        order.addAll(unlisted);

        Map<String, List<String>> symbolsByAgent = new TreeMap<>();
        Map<String, String> memoryByAgent = new TreeMap<>();
        List<Sleeve> sleeves = new ArrayList<>();
        List<Regime> posteriors = new ArrayList<>();
        List<Risk> risk = new ArrayList<>();
        List<SymbolKey> symbols = new ArrayList<>();
        for (ArenaState.Key key : contents.keys()) {
            for (String agent : order) {
                Object book = key.values().get(ArenaState.SLEEVE_PREFIX + agent);
                if (book instanceof SleeveState s) {
                    symbolsByAgent.computeIfAbsent(agent, a -> new ArrayList<>()).add(key.symbol());
                    sleeves.add(sleeve(agent, key.symbol(), s, initialCash));
                }
                Object memory = key.values().get(ArenaState.AGENT_PREFIX + agent);
                if (memory != null) {
                    memoryByAgent.putIfAbsent(agent, memory.getClass().getName());
                }
                if (memory instanceof ThompsonMetaAgent.State meta) {
                    posteriors.addAll(regimes(agent, key.symbol(), meta));
                }
            }
            if (key.values().get("risk") instanceof RiskState r) {
                risk.add(risk(key.symbol(), r, order));
            }
            Object open = key.values().get("open-period");
            symbols.add(
                    new SymbolKey(
                            key.symbol(), open instanceof Long l ? l : null, key.eventTimers()));
        }
        List<Agent> agents = new ArrayList<>();
        for (String name : order) {
            agents.add(
                    new Agent(
                            name,
                            roster.contains(name),
                            withState.contains(name),
                            symbolsByAgent.getOrDefault(name, List.of()),
                            memoryByAgent.get(name)));
        }
        return new ArenaView(
                List.copyOf(roster),
                withoutState,
                unlisted,
                agents,
                sleeves,
                posteriors,
                risk,
                symbols);
    }

    private static Sleeve sleeve(String agent, String symbol, SleeveState s, double initialCash) {
        double realized = s.cash + s.position * s.entryPrice + s.entryCommission - initialCash;
        return new Sleeve(
                agent,
                symbol,
                s.cash,
                s.position,
                s.position == 0.0 ? 0.0 : s.entryPrice,
                realized,
                s.equity,
                s.maxDrawdown,
                s.trades,
                s.wins,
                s.sequence,
                s.pendingOrderId);
    }

    private static List<Regime> regimes(String agent, String symbol, ThompsonMetaAgent.State s) {
        Map<String, List<Arm>> byRegime = new TreeMap<>();
        for (Map.Entry<String, ArmCounts> e : new TreeMap<>(s.arms).entrySet()) {
            int bar = e.getKey().indexOf('|');
            String regime = bar < 0 ? e.getKey() : e.getKey().substring(0, bar);
            String arm = bar < 0 ? "" : e.getKey().substring(bar + 1);
            ArmCounts c = e.getValue();
            byRegime.computeIfAbsent(regime, r -> new ArrayList<>())
                    .add(new Arm(arm, c.alpha, c.beta, c.mean(), c.scored));
        }
        List<Regime> regimes = new ArrayList<>();
        byRegime.forEach(
                (regime, arms) ->
                        regimes.add(
                                new Regime(agent, symbol, regime, regime.equals(s.regime), arms)));
        return regimes;
    }

    private static Risk risk(String symbol, RiskState r, List<String> order) {
        SymbolMarket m = r.markets.get(symbol);
        List<AgentRiskView> agents = new ArrayList<>();
        List<String> names = new ArrayList<>(order);
        for (String name : new TreeSet<>(r.agents.keySet())) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            AgentRisk a = r.agents.get(name);
            if (a == null) {
                continue;
            }
            agents.add(
                    new AgentRiskView(
                            name,
                            a.position(symbol),
                            a.equity,
                            a.peakEquity,
                            a.orderTimestamps.size(),
                            a.halted,
                            a.haltReason));
        }
        return new Risk(
                symbol,
                m == null || !m.hasBar() ? null : m.lastPrice,
                m == null || !m.hasBar() ? null : m.lastBarEndTs,
                m == null || m.pausedUntil == Long.MIN_VALUE ? null : m.pausedUntil,
                agents);
    }
}
