package io.battleroyale.functions.agents;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.util.Optional;

/**
 * A trading agent: the seed API's {@code generate_signal(market_data, event_data)} in Java.
 *
 * <p>An agent instance holds only its parameters; everything it remembers between bars lives in its
 * state object {@code S}, which the host keeps in Flink keyed state (one state per agent and
 * symbol). {@code S} must be a class Flink serializes as a POJO (public no-argument constructor and
 * public fields, or a record), so that it can live in RocksDB without Kryo.
 *
 * @param <S> the agent's per-symbol memory
 */
public interface Agent<S> {

    /** The contestant's name, as on the leaderboard. */
    String name();

    /** The type of the per-symbol state, for Flink's serializer. */
    Class<S> stateType();

    /** Fresh state for a symbol the agent has not seen. */
    S initialState();

    /**
     * Brings state restored from a checkpoint or savepoint up to this agent's parameters and code,
     * and returns it (the same object when nothing is to change). A strategy upgrade that restarts
     * from a savepoint with new parameters ({@code trend:fast=5} for {@code fast=10}) reaches the
     * agent here rather than silently running on the old windows; a field added to or removed from
     * {@code S} is handled by Flink's POJO schema evolution before this is called (docs/agents.md).
     * Called on every state read, so the check must be cheap when nothing changed.
     */
    default S adopt(S restored) {
        return restored;
    }

    /**
     * Looks at one closed bar and the events as of its end ({@code market_data} = {@code
     * snapshot.bar()}, {@code event_data} = {@code snapshot.events()} and {@code shifts()}),
     * updates {@code state} in place, and may wish to be long ({@code BUY}) or out ({@code SELL}).
     */
    Optional<Signal> generateSignal(MarketSnapshot snapshot, S state);

    /**
     * Why the agent was disqualified (it signals nothing from then on), or null while it competes.
     * Only script agents can be.
     */
    @Nullable
    default String disqualified() {
        return null;
    }
}
