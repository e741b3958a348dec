package io.battleroyale.operators.arena;

import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.book.ExecutionSettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Who competes and how their books trade.
 *
 * @param contestants the agents, in leaderboard order; a meta-agent among them sees the others
 * @param markPeriodMs sleeves are marked for the leaderboard at the end of every such period
 */
public record ArenaSettings(
        List<AgentSpec> contestants, ExecutionSettings execution, long markPeriodMs)
        implements Serializable {

    public static final long DAILY = Duration.ofDays(1).toMillis();

    public ArenaSettings {
        contestants = List.copyOf(contestants);
        if (contestants.isEmpty()) {
            throw new IllegalArgumentException("at least one agent must compete");
        }
        if (markPeriodMs <= 0) {
            throw new IllegalArgumentException("mark period must be positive");
        }
    }

    /** The end of the mark period that contains {@code ts} (a period includes its end). */
    public long periodEnd(long ts) {
        return Math.floorDiv(ts - 1, markPeriodMs) * markPeriodMs + markPeriodMs;
    }
}
