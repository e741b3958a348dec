package io.battleroyale.model;

/**
 * One agent's standing: the sum of its sleeves and metrics over its summed equity curve.
 *
 * @param tsEvent end of the mark period the row describes
 * @param capital sum of the sleeves' initial cash
 * @param sharpe mean over standard deviation of mark-period returns, annualised by the marking
 *     frequency; {@code NaN} for too short a run
 * @param sortino mean over downside deviation of mark-period returns, annualised likewise
 * @param maxDrawdown largest peak-to-trough fall of summed equity, as a fraction of the peak
 * @param trades closed round trips (entry and exit filled), summed over the sleeves; open positions
 *     are not counted
 * @param winRate wins / trades, {@code NaN} without trades
 * @param openPositions sleeves holding a position at the end of the period
 * @param unrealizedPnl summed pnl of those positions at the last close, net of entry commissions
 *     (already part of {@code equity})
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
        boolean halted,
        int openPositions,
        double unrealizedPnl) {}
