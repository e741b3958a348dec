package io.battleroyale.functions.book;

import io.battleroyale.model.Fill;
import io.battleroyale.model.Trade;

import java.util.List;

/**
 * What happened to a sleeve at a bar's open: the fill of its pending order, if any, and the round
 * trips that fill closed.
 */
public record Execution(List<Fill> fills, List<Trade> closedTrades) {

    /** Nothing filled. */
    public static final Execution NONE = new Execution(List.of(), List.of());

    public boolean isEmpty() {
        return fills.isEmpty();
    }
}
