package io.battleroyale.operators.arena;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import io.battleroyale.functions.agents.Agent;
import io.battleroyale.functions.agents.MetaAgent;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sleeve;
import io.battleroyale.functions.book.SleeveState;
import io.battleroyale.model.BanditState;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent in the arena with its two pieces of named keyed state: what the agent remembers ({@code
 * agent.<name>}) and its sleeve on the current symbol ({@code sleeve.<name>}). State names follow
 * agent names, so a strategy upgrade keeps the state of agents that stay, starts new ones fresh,
 * and drops removed ones.
 *
 * @param <S> the agent's state type
 */
final class Contestant<S> {
    final String name;
    private final Agent<S> agent;
    private final MetaAgent<S> meta;
    private final ExecutionSettings execution;
    private final boolean allowShort;
    private final ValueState<S> memory;
    private final ValueState<SleeveState> book;
    private final Map<String, Sleeve> sleeves = new HashMap<>();

    private S current;
    private SleeveState sleeveState;
    private Sleeve sleeve;

    private Contestant(
            String name,
            Agent<S> agent,
            MetaAgent<S> meta,
            Class<S> stateType,
            ExecutionSettings execution,
            boolean allowShort,
            RuntimeContext context) {
        this.name = name;
        this.agent = agent;
        this.meta = meta;
        this.execution = execution;
        this.allowShort = allowShort;
        this.memory = context.getState(new ValueStateDescriptor<>("agent." + name, stateType));
        this.book =
                context.getState(new ValueStateDescriptor<>("sleeve." + name, SleeveState.class));
    }

    static <S> Contestant<S> of(
            Agent<S> agent, ExecutionSettings execution, boolean allowShort, RuntimeContext ctx) {
        return new Contestant<>(
                agent.name(), agent, null, agent.stateType(), execution, allowShort, ctx);
    }

    static <S> Contestant<S> of(
            MetaAgent<S> meta,
            ExecutionSettings execution,
            boolean allowShort,
            RuntimeContext ctx) {
        return new Contestant<>(
                meta.name(), null, meta, meta.stateType(), execution, allowShort, ctx);
    }

    boolean isMeta() {
        return meta != null;
    }

    /** Loads this contestant's state for the current key (symbol). */
    void load(String symbol) throws IOException {
        S s = memory.value();
        if (s == null) {
            current = isMeta() ? meta.initialState() : agent.initialState();
        } else {
            current = isMeta() ? s : agent.adopt(s);
        }
        SleeveState b = book.value();
        sleeve =
                sleeves.computeIfAbsent(
                        symbol, sym -> new Sleeve(name, sym, execution, allowShort));
        sleeveState = b != null ? b : sleeve.initialState();
    }

    void save() throws IOException {
        memory.update(current);
        book.update(sleeveState);
    }

    Sleeve sleeve() {
        return sleeve;
    }

    SleeveState book() {
        return sleeveState;
    }

    /** Why the agent was disqualified, null while it competes (meta-agents never are). */
    @Nullable
    String disqualified() {
        return isMeta() ? null : agent.disqualified();
    }

    Optional<Signal> signal(MarketSnapshot snapshot) {
        return agent.generateSignal(snapshot, current);
    }

    Optional<Signal> choose(MarketSnapshot snapshot, List<Signal> signals) {
        return meta.choose(snapshot, signals, current);
    }

    List<BanditState> beliefs(MarketSnapshot snapshot) {
        return meta.beliefs(snapshot, current);
    }
}
