package io.battleroyale.job.cli;

import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.model.bounds.Sizes;
import io.battleroyale.operators.arena.ArenaSettings;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** Who competes and how their books trade: shared by every command that runs the battle. */
final class StrategyOptions {

    @Option(
            names = "--agents",
            paramLabel = "SPEC",
            description = {
                "The contestants, exactly: name:key=value,...;name2:... ",
                "  e.g. 'trend:fast=10,slow=30;meanrev:mode=rsi,period=14,lower=30,upper=70;meta'.",
                "Default: trend, meanrev, event, fed and meta with default parameters.",
                "'battle agents' lists every agent and its parameters."
            })
    String agents;

    @Option(
            names = "--initial-cash",
            defaultValue = "100000",
            paramLabel = "X",
            description =
                    "Cash each sleeve (agent x symbol) starts with. Default: ${DEFAULT-VALUE}.")
    double initialCash;

    @Option(
            names = "--commission-bps",
            defaultValue = "0",
            paramLabel = "B",
            description =
                    "Commission in basis points of traded value, on buys and sells. Default: ${DEFAULT-VALUE}.")
    double commissionBps;

    @Option(
            names = "--slippage-bps",
            defaultValue = "0",
            paramLabel = "B",
            description =
                    "Fills are this many basis points worse than the open. Default: ${DEFAULT-VALUE}.")
    double slippageBps;

    @Option(
            names = "--sizing",
            defaultValue = "equity:1.0",
            paramLabel = "POLICY",
            description = {
                "How much an opening order buys: fixed:Q (Q units), notional:X (X of cash),",
                "equity:F (fraction F of sleeve equity; 1.0 = all-in). Default: ${DEFAULT-VALUE}."
            })
    String sizing;

    @Option(
            names = "--warmup-bars",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Ignore decisions on each symbol's first N bars (0-based): the first that can act is on bar N. Default: ${DEFAULT-VALUE}.")
    long warmupBars;

    @Option(
            names = "--mark-period",
            defaultValue = "1d",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "Sleeves are marked for the leaderboard, Sharpe and drawdown at the end of each such period (UTC). Default: ${DEFAULT-VALUE}.")
    Duration markPeriod;

    private Sizing sizing() {
        try {
            return Sizing.parse(sizing);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sizing: " + e.getMessage(), e);
        }
    }

    List<AgentSpec> contestants() {
        return agents == null ? AgentSpecs.defaultRoster() : AgentSpecs.parse(agents);
    }

    ArenaSettings arena() {
        Sizes.notional("--initial-cash", initialCash);
        return new ArenaSettings(
                contestants(),
                new ExecutionSettings(
                        initialCash, commissionBps, slippageBps, sizing(), warmupBars),
                markPeriod.toMillis());
    }
}
