package io.battleroyale.model;

/**
 * A probability tick routed to one symbol it affects, through the event map.
 *
 * @param group the event map entry that matched the tick's event key
 * @param sensitivity the symbol's signed exposure to the event
 */
public record SymbolEvent(String symbol, String group, double sensitivity, ProbabilityTick tick) {}
