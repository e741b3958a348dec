package io.battleroyale.functions.agents;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meta-agent "leader", the simple baseline for the Thompson-sampling "meta": on a bar where
 * sub-agents signal, it follows the signal of the one whose signals would have earned the most so
 * far.
 *
 * <p>Per symbol it keeps a virtual position for every sub-agent it has seen: +1 after its {@code
 * BUY}, after its {@code SELL} 0 (or −1 when {@code short} is set), taken at the signal bar's
 * close. Each bar adds {@code position × (close / previous close − 1)} to that agent's cumulative
 * virtual return (a plain sum, not compounded). The leader is the signalling agent with the highest
 * cumulative return; ties go to the alphabetically first name. Signals of the meta-agent itself are
 * ignored.
 */
public final class FollowTheLeaderMetaAgent
        implements MetaAgent<FollowTheLeaderMetaAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "leader";

    private final boolean allowShort;

    /** Per-symbol memory. A Flink POJO. */
    public static class State {
        /** Cumulative virtual return per sub-agent. */
        public Map<String, Double> virtualReturn = new HashMap<>();

        /** Virtual position per sub-agent: +1, 0 or −1. */
        public Map<String, Integer> position = new HashMap<>();

        /** Previous bar's close; {@code NaN} before the first bar. */
        public double previousClose = Double.NaN;

        public State() {}
    }

    public FollowTheLeaderMetaAgent(boolean allowShort) {
        this.allowShort = allowShort;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public State initialState() {
        return new State();
    }

    @Override
    public Optional<Signal> choose(
            MarketSnapshot snapshot, List<Signal> subAgentSignals, State state) {
        double close = snapshot.bar().close();
        if (state.previousClose > 0.0) {
            double r = close / state.previousClose - 1.0;
            for (Map.Entry<String, Integer> e : state.position.entrySet()) {
                int p = e.getValue();
                if (p != 0) {
                    state.virtualReturn.merge(e.getKey(), p * r, Double::sum);
                }
            }
        }
        state.previousClose = close;
        if (subAgentSignals.isEmpty()) {
            return Optional.empty();
        }

        Signal leader = null;
        double leaderReturn = 0.0;
        for (int i = 0; i < subAgentSignals.size(); i++) {
            Signal s = subAgentSignals.get(i);
            if (NAME.equals(s.agent())) {
                continue;
            }
            double r = state.virtualReturn.computeIfAbsent(s.agent(), k -> 0.0);
            if (leader == null
                    || r > leaderReturn
                    || (r == leaderReturn && s.agent().compareTo(leader.agent()) < 0)) {
                leader = s;
                leaderReturn = r;
            }
        }
        if (leader == null) {
            return Optional.empty();
        }
        String rationale = rationale(leader, leaderReturn, subAgentSignals, state);
        // Positions change after the choice: this bar's signals earn from the next bar on.
        for (int i = 0; i < subAgentSignals.size(); i++) {
            Signal s = subAgentSignals.get(i);
            if (!NAME.equals(s.agent())) {
                state.position.put(s.agent(), s.side() == Side.BUY ? 1 : allowShort ? -1 : 0);
            }
        }
        return Optional.of(
                Signals.of(
                        NAME,
                        snapshot,
                        leader.side(),
                        leader.confidence(),
                        rationale,
                        Signals.attribution(leader.agent() + ".virtual_return", leaderReturn),
                        leaderReturn,
                        0.0));
    }

    private static String rationale(
            Signal leader, double leaderReturn, List<Signal> signals, State state) {
        List<Signal> others = new ArrayList<>();
        for (Signal s : signals) {
            if (!NAME.equals(s.agent()) && !s.agent().equals(leader.agent())) {
                others.add(s);
            }
        }
        others.sort(
                (a, b) -> {
                    int byReturn =
                            Double.compare(
                                    state.virtualReturn.get(b.agent()),
                                    state.virtualReturn.get(a.agent()));
                    return byReturn != 0 ? byReturn : a.agent().compareTo(b.agent());
                });
        StringBuilder sb = new StringBuilder();
        sb.append(
                Signals.format(
                        "followed %s %s (virtual return %+.1f%%)",
                        leader.agent(), leader.side(), leaderReturn * 100));
        if (others.isEmpty()) {
            return sb.append(", the only agent signalling").toString();
        }
        sb.append(" over ");
        for (int i = 0; i < others.size(); i++) {
            Signal o = others.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(
                    Signals.format(
                            "%s %s (%+.1f%%)",
                            o.agent(), o.side(), state.virtualReturn.get(o.agent()) * 100));
        }
        return sb.toString();
    }

    /** The cumulative virtual return of a sub-agent, {@code null} if never seen. */
    @Nullable
    public static Double virtualReturn(State state, String agent) {
        return state.virtualReturn.get(agent);
    }
}
