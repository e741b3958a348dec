package io.battleroyale.model;

import javax.annotation.Nullable;

/**
 * A signal and what became of it: the line written to {@code decisions.jsonl}.
 *
 * @param outcome what the book did with it: {@code order}, {@code unchanged} (already in that
 *     position), {@code warm-up}, {@code rejected} or {@code halted}
 * @param clientOrderId the order it produced, if any
 */
public record Decision(Signal signal, String outcome, @Nullable String clientOrderId) {}
