package io.battleroyale.operators.risk;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import io.battleroyale.functions.book.SleeveState;
import io.battleroyale.functions.risk.RiskGate;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.functions.risk.RiskState;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Order;
import io.battleroyale.model.RiskRejection;
import io.battleroyale.model.TradingPause;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RiskGate} hosted inside the symbol-keyed agent arena: every order an agent's sleeve
 * creates is checked here before it can fill at the next bar's open.
 *
 * <p>The arena is keyed by symbol, so this gate's {@link RiskState} (keyed state {@code risk})
 * holds one symbol and every agent's book <em>on that symbol</em>. Consequences, on purpose:
 *
 * <ul>
 *   <li>symbol rules are exact: max position, max order notional, price band, stale data, circuit
 *       breaker and trading pauses;
 *   <li>agent-wide rules are enforced per sleeve (agent × symbol): {@code max_gross_exposure} and
 *       {@code max_orders} count only the agent's exposure and orders on this symbol, and the
 *       drawdown kill switch watches the sleeve's equity. Each is a necessary condition of the
 *       agent-wide rule (a sleeve over the limit means the agent is over it) but not a sufficient
 *       one: exposure or orders spread over several symbols can pass here. The exact agent-wide
 *       totals would need state keyed by agent before the fill, i.e. a feedback loop the graph does
 *       not have; the gateway re-checks its hard limits account-wide anyway;
 *   <li>a sleeve whose drawdown breaches {@code max_drawdown} halts the agent on that symbol; the
 *       leaderboard shows the agent as halted once any of its sleeves is. If the agent's summed
 *       equity falls more than the limit, at least one sleeve has, so an agent-wide breach always
 *       halts it somewhere.
 * </ul>
 *
 * <p>Positions are taken from the sleeve (its real position after the fill at the open) and the
 * approved order is added on top, so the gate never drifts from the book. A trading pause in the
 * snapshot refuses every new order on the symbol, with or without limits.
 */
public final class ArenaRiskGate {
    /** Reason key of a trading pause when the circuit-breaker rule itself is off. */
    public static final String TRADING_PAUSE = "trading_pause";

    private final RiskLimits limits;
    @Nullable private final RiskGate gate;
    @Nullable private final ValueState<RiskState> stored;
    @Nullable private RiskState state;
    @Nullable private TradingPause pause;

    public ArenaRiskGate(RiskLimits limits, RuntimeContext context) {
        this.limits = limits;
        if (limits.isNone()) {
            gate = null;
            stored = null;
        } else {
            gate = new RiskGate(limits);
            stored = context.getState(new ValueStateDescriptor<>("risk", RiskState.class));
        }
    }

    /** Whether any limit is set (else only trading pauses refuse orders). */
    public boolean enabled() {
        return gate != null;
    }

    /** Loads the symbol's state and records the snapshot's bar and pause. Call first per bar. */
    public void onSnapshot(MarketSnapshot snapshot) throws IOException {
        pause = snapshot.pause();
        if (gate == null) {
            return;
        }
        state = load();
        gate.onBar(state, snapshot.bar());
        if (pause != null) {
            state.pause(snapshot.symbol(), pause.untilTs());
        }
    }

    /**
     * The sleeve after its fill and mark: its real position replaces the gate's count, and its
     * equity feeds the kill switch.
     *
     * @return whether this mark halted the agent
     */
    public boolean onSleeve(String agent, String symbol, SleeveState book, long ts) {
        if (gate == null) {
            return false;
        }
        state.agent(agent).positions.put(symbol, book.position);
        return gate.onEquity(state, agent, book.equity, ts);
    }

    /**
     * Checks an order; an approved one is counted at once (position, order rate).
     *
     * @return empty if approved, else every failed rule with its numbers
     */
    public Optional<RiskRejection> check(Order order) {
        List<String> reasons = new ArrayList<>();
        if (gate != null) {
            Optional<RiskRejection> r = gate.check(order, state);
            if (r.isPresent()) {
                for (String reason : r.get().reasons()) {
                    reasons.add(
                            pause != null && reason.startsWith("circuit_breaker:")
                                    ? reason + " after " + pause.reason()
                                    : reason);
                }
            }
        }
        if (pause != null
                && pause.isActiveAt(order.tsEvent())
                && (gate == null || !limits.circuitBreakerEnabled())) {
            reasons.add(
                    String.format(
                            "%s: %s paused from %d until %d, order at %d (%s)",
                            TRADING_PAUSE,
                            order.symbol(),
                            pause.fromTs(),
                            pause.untilTs(),
                            order.tsEvent(),
                            pause.reason()));
        }
        if (!reasons.isEmpty()) {
            return Optional.of(new RiskRejection(order, List.copyOf(reasons)));
        }
        if (gate != null) {
            gate.recordOrder(state, order);
        }
        return Optional.empty();
    }

    /** Whether the kill switch has halted {@code agent} on the current symbol. */
    public boolean isHalted(String agent) throws IOException {
        if (gate == null) {
            return false;
        }
        RiskState s = state != null ? state : load();
        return s.isHalted(agent);
    }

    /** Stores the symbol's state. Call last per bar. */
    public void save() throws IOException {
        if (stored != null && state != null) {
            stored.update(state);
        }
        state = null;
        pause = null;
    }

    private RiskState load() throws IOException {
        RiskState s = stored.value();
        return s != null ? s : new RiskState();
    }
}
