package io.battleroyale.job;

import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.operators.shifts.ShiftSettings;
import io.battleroyale.sources.events.EventMap;

/** Everything the graph needs beyond its inputs and outputs. */
public record BattleSettings(
        ArenaSettings arena, JoinSettings join, EventMap eventMap, ShiftSettings shifts) {

    /** With the default shift patterns, their window following the join's. */
    public BattleSettings(ArenaSettings arena, JoinSettings join, EventMap eventMap) {
        this(arena, join, eventMap, ShiftSettings.DEFAULTS.withWindow(join.shiftWindowMs()));
    }
}
