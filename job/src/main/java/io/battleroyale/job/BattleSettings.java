package io.battleroyale.job;

import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.operators.join.TickFilter;
import io.battleroyale.operators.shifts.ShiftSettings;
import io.battleroyale.sources.events.EventMap;

/** Everything the graph needs beyond its inputs and outputs. */
public record BattleSettings(
        ArenaSettings arena,
        JoinSettings join,
        EventMap eventMap,
        ShiftSettings shifts,
        TickFilter.Mode tickFilter) {

    /** With the default tick filter: same-millisecond bursts collapse into their last print. */
    public BattleSettings(
            ArenaSettings arena, JoinSettings join, EventMap eventMap, ShiftSettings shifts) {
        this(arena, join, eventMap, shifts, TickFilter.Mode.LAST);
    }

    /** With the default shift patterns, their window following the join's. */
    public BattleSettings(ArenaSettings arena, JoinSettings join, EventMap eventMap) {
        this(arena, join, eventMap, ShiftSettings.DEFAULTS.withWindow(join.shiftWindowMs()));
    }
}
