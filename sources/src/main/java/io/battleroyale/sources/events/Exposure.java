package io.battleroyale.sources.events;

import java.io.Serializable;

/**
 * How one symbol is exposed to one event group.
 *
 * @param sensitivity signed: the symbol's expected move per unit rise of the event's yes
 *     probability, relative to the group's other symbols (e.g. {@code -1.0}: falls as the
 *     probability rises)
 */
public record Exposure(String group, String symbol, double sensitivity) implements Serializable {}
