package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.RiskRejection;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pre-trade risk gate: evaluates every enabled rule on an order and approves it or refuses it
 * with a {@link RiskRejection} listing every rule that failed, with its numbers.
 *
 * <p>Plain Java, no Flink. The gate holds only its limits; what it remembers lives in a {@link
 * RiskState} the caller owns (in Flink: keyed state). {@link #check} is pure; the caller feeds the
 * state with {@link #onBar}, {@link #onEquity}, {@link #recordOrder} and {@link RiskState#pause}.
 *
 * <p>Typical use per event:
 *
 * <pre>{@code
 * gate.onBar(state, bar);                                  // every bar of every symbol
 * Optional<RiskRejection> r = gate.check(order, state);   // every order
 * if (r.isEmpty()) { gate.recordOrder(state, order); emit(order); } else { emit(r.get()); }
 * gate.onEquity(state, agent, equity, ts);                 // each mark of the agent's book
 * }</pre>
 */
public final class RiskGate {
    private final RiskLimits limits;
    private final List<RiskRule> rules;
    @Nullable private final DrawdownKillSwitch killSwitch;
    @Nullable private final OrderRateRule orderRate;

    /**
     * A gate enforcing {@code limits}. Not serializable: a Flink function holds the (serializable)
     * {@link RiskLimits} and builds its gate in {@code open}.
     */
    public RiskGate(RiskLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        List<RiskRule> list = new ArrayList<>();
        DrawdownKillSwitch ks = null;
        OrderRateRule rate = null;
        if (limits.maxDrawdown() != null) {
            ks = new DrawdownKillSwitch(limits.maxDrawdown());
            list.add(ks);
        }
        if (limits.circuitBreakerEnabled()) {
            list.add(new CircuitBreakerRule());
        }
        if (limits.maxDataAge() != null) {
            list.add(new StaleMarketDataRule(limits.maxDataAge()));
        }
        if (limits.priceBand() != null) {
            list.add(new PriceBandRule(limits.priceBand()));
        }
        if (limits.maxOrderNotional() != null) {
            list.add(new MaxOrderNotionalRule(limits.maxOrderNotional()));
        }
        if (limits.maxPosition() != null) {
            list.add(new MaxPositionRule(limits.maxPosition()));
        }
        if (limits.maxGrossExposure() != null) {
            list.add(new MaxGrossExposureRule(limits.maxGrossExposure()));
        }
        if (limits.maxOrdersPerWindow() != null) {
            rate = new OrderRateRule(limits.maxOrdersPerWindow(), limits.orderRateWindow());
            list.add(rate);
        }
        this.killSwitch = ks;
        this.orderRate = rate;
        this.rules = List.copyOf(list);
    }

    public RiskLimits limits() {
        return limits;
    }

    /** The enabled rules, in the order their reasons are listed. */
    public List<RiskRule> rules() {
        return rules;
    }

    /**
     * Evaluates every enabled rule.
     *
     * @return empty if the order is approved, else a rejection with one reason per failed rule
     */
    public Optional<RiskRejection> check(Order order, RiskState state) {
        List<String> reasons = new ArrayList<>();
        for (RiskRule rule : rules) {
            rule.check(order, state).ifPresent(reasons::add);
        }
        return reasons.isEmpty()
                ? Optional.empty()
                : Optional.of(new RiskRejection(order, List.copyOf(reasons)));
    }

    /**
     * Counts an approved order: its quantity joins the agent's position at once (as the gateway
     * counts open orders), its reference price marks the position, and its time joins the
     * order-rate window (older times are pruned).
     */
    public void recordOrder(RiskState state, Order order) {
        AgentRisk agent = state.agent(order.agent());
        agent.positions.merge(order.symbol(), order.side().sign() * order.quantity(), Double::sum);
        if (order.referencePrice() > 0) {
            agent.marks.put(order.symbol(), order.referencePrice());
        }
        if (orderRate != null) {
            long horizon = order.tsEvent() - orderRate.windowMs();
            agent.orderTimestamps.removeIf(t -> t <= horizon);
            agent.orderTimestamps.add(order.tsEvent());
        }
    }

    /** Records a bar: its close becomes the symbol's last price, its end the last data time. */
    public void onBar(RiskState state, PriceBar bar) {
        SymbolMarket m = state.market(bar.symbol());
        long end = bar.endTs();
        if (end >= m.lastBarEndTs) {
            m.lastBarEndTs = end;
            m.lastPrice = bar.close();
        }
    }

    /**
     * Records an agent's equity (the sum of its sleeves) at {@code ts}; with {@code max_drawdown}
     * set, halts the agent when its drawdown from peak exceeds the limit.
     *
     * @return whether this mark halted the agent
     */
    public boolean onEquity(RiskState state, String agent, double equity, long ts) {
        AgentRisk a = state.agent(agent);
        if (killSwitch == null) {
            a.equity = equity;
            a.peakEquity = Math.max(a.peakEquity, equity);
            return false;
        }
        return killSwitch.mark(a, equity, ts);
    }

    /** Whether the kill switch has halted {@code agent}. */
    public boolean isHalted(RiskState state, String agent) {
        return state.isHalted(agent);
    }

    @Override
    public String toString() {
        return "RiskGate[" + limits.toText() + "]";
    }
}
