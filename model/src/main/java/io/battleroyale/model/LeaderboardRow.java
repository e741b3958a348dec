package io.battleroyale.model;

/**
 * One agent's standing: the sum of its sleeves and metrics over its summed equity curve.
 *
 * @param tsEvent end of the mark period the row describes
 * @param capital sum of the sleeves' initial cash
 * @param sharpe annualised (√252) mean over standard deviation of mark-period returns
 * @param sortino annualised mean over downside deviation of mark-period returns
 * @param maxDrawdown largest peak-to-trough fall of summed equity, as a fraction of the peak
 * @param winRate wins / trades, {@code NaN} without trades
 */
public record LeaderboardRow(
        String agent,
        long tsEvent,
        double equity,
        double capital,
        double totalReturn,
        double sharpe,
        double sortino,
        double maxDrawdown,
        int trades,
        double winRate,
        int sleeves,
        boolean halted) {}
