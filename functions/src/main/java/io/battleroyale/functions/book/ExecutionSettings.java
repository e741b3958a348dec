package io.battleroyale.functions.book;

import io.battleroyale.model.bounds.Sizes;

import java.io.Serializable;

/**
 * How simulated orders fill, the same for every sleeve of a run.
 *
 * @param initialCash cash each sleeve (agent × symbol) starts with
 * @param commissionBps commission as basis points of traded value, on buys and sells
 * @param slippageBps adverse price move per fill in basis points: buys fill above the open, sells
 *     below
 * @param warmupBars decisions on bars with a 0-based index below this are ignored
 */
public record ExecutionSettings(
        double initialCash,
        double commissionBps,
        double slippageBps,
        Sizing sizing,
        long warmupBars)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public ExecutionSettings {
        Sizes.notional("initial-cash", initialCash);
        if (!(commissionBps >= 0.0) || Double.isInfinite(commissionBps)) {
            throw new IllegalArgumentException(
                    "commission bps must be >= 0 and finite, got " + commissionBps);
        }
        if (!(slippageBps >= 0.0) || slippageBps >= 10_000.0) {
            throw new IllegalArgumentException(
                    "slippage bps must be in [0, 10000), got " + slippageBps);
        }
        if (sizing == null) {
            throw new IllegalArgumentException("sizing is required");
        }
        if (warmupBars < 0) {
            throw new IllegalArgumentException("warm-up bars must be >= 0, got " + warmupBars);
        }
    }

    /** Commission as a fraction of traded value. */
    public double commissionRate() {
        return commissionBps / 1e4;
    }

    /** Slippage as a fraction of the open. */
    public double slippageRate() {
        return slippageBps / 1e4;
    }
}
