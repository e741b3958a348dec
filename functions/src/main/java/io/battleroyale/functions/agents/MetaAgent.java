package io.battleroyale.functions.agents;

import io.battleroyale.model.BanditState;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Signal;

import java.util.List;
import java.util.Optional;

/**
 * An agent that decides by choosing among the other agents' signals on the same bar.
 *
 * @param <S> the meta-agent's per-symbol memory (a Flink POJO, like {@link Agent}'s)
 */
public interface MetaAgent<S> {

    /** The contestant's name, as on the leaderboard. */
    String name();

    Class<S> stateType();

    S initialState();

    /**
     * Sees the closed bar and every sub-agent signal of this bar (possibly none), updates {@code
     * state}, and may follow one of them with a signal of its own whose rationale says whom it
     * followed and why.
     */
    Optional<Signal> choose(MarketSnapshot snapshot, List<Signal> subAgentSignals, S state);

    /** What the meta-agent currently believes, for {@code bandit.jsonl}; empty when it has none. */
    default List<BanditState> beliefs(MarketSnapshot snapshot, S state) {
        return List.of();
    }
}
