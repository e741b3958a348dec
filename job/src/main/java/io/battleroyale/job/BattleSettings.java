package io.battleroyale.job;

import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.sources.events.EventMap;

/** Everything the graph needs beyond its inputs and outputs. */
public record BattleSettings(ArenaSettings arena, JoinSettings join, EventMap eventMap) {}
