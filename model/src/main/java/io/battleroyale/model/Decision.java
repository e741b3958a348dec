package io.battleroyale.model;

import javax.annotation.Nullable;

/**
 * A signal and what became of it: the line written to {@code decisions.jsonl}.
 *
 * @param outcome what the book did with it: {@code order}, {@code unchanged} (already in that
 *     position), {@code warm-up}, {@code rejected}, {@code halted} or {@code signal-only} (the
 *     symbol is marked as a signal, not an instrument)
 * @param clientOrderId the order it produced, if any
 */
public record Decision(Signal signal, String outcome, @Nullable String clientOrderId) {

    /**
     * The decision's id, {@code agent:symbol:ts} with {@code ts} the decision time (the bar's end,
     * epoch ms): an agent decides at most once per bar of a symbol, so the id is unique, and it is
     * the same in every run over the same input.
     */
    public String id() {
        return id(signal.agent(), signal.symbol(), signal.tsEvent());
    }

    /** The id of the decision {@code agent} took on {@code symbol} at {@code ts}. */
    public static String id(String agent, String symbol, long ts) {
        return agent + ':' + symbol + ':' + ts;
    }
}
