package io.battleroyale.operators.arena;

import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.risk.RiskLimits;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Who competes and how their books trade.
 *
 * @param contestants the agents, in leaderboard order; a meta-agent among them sees the others
 * @param markPeriodMs sleeves are marked for the leaderboard at the end of every such period
 * @param risk the pre-trade limits every order must pass before it can fill ({@link
 *     RiskLimits#none()}: no rule, only trading pauses block orders)
 * @param signalOnly symbols that are signals, not instruments (e.g. VIX): agents see their bars and
 *     decide, but no sleeve trades them, so they hold no capital
 */
public record ArenaSettings(
        List<AgentSpec> contestants,
        ExecutionSettings execution,
        long markPeriodMs,
        RiskLimits risk,
        Set<String> signalOnly)
        implements Serializable {

    /** Settings where every symbol is tradable. */
    public ArenaSettings(
            List<AgentSpec> contestants,
            ExecutionSettings execution,
            long markPeriodMs,
            RiskLimits risk) {
        this(contestants, execution, markPeriodMs, risk, Set.of());
    }

    /** Settings without risk limits (a backtest's default). */
    public ArenaSettings(
            List<AgentSpec> contestants, ExecutionSettings execution, long markPeriodMs) {
        this(contestants, execution, markPeriodMs, RiskLimits.none());
    }

    public static final long DAILY = Duration.ofDays(1).toMillis();

    public ArenaSettings {
        contestants = List.copyOf(contestants);
        if (contestants.isEmpty()) {
            throw new IllegalArgumentException("at least one agent must compete");
        }
        if (markPeriodMs <= 0) {
            throw new IllegalArgumentException("mark period must be positive");
        }
        if (risk == null) {
            throw new IllegalArgumentException("risk limits must be given (RiskLimits.none())");
        }
        signalOnly = Set.copyOf(signalOnly);
    }

    /** Whether agents may hold positions in {@code symbol}. */
    public boolean isTradable(String symbol) {
        return !signalOnly.contains(symbol);
    }

    /** The end of the mark period that contains {@code ts} (a period includes its end). */
    public long periodEnd(long ts) {
        return Math.floorDiv(ts - 1, markPeriodMs) * markPeriodMs + markPeriodMs;
    }

    /** The same settings with other risk limits. */
    public ArenaSettings withRisk(RiskLimits newRisk) {
        return new ArenaSettings(contestants, execution, markPeriodMs, newRisk, signalOnly);
    }

    /** The same settings with other signal-only symbols. */
    public ArenaSettings withSignalOnly(Set<String> symbols) {
        return new ArenaSettings(contestants, execution, markPeriodMs, risk, symbols);
    }
}
