package io.battleroyale.functions.metrics;

import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.SleeveMark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent's equity summed over its sleeves, one mark period at a time, and the leaderboard
 * metrics over that summed curve. A Flink POJO.
 *
 * <p>Feed the period's {@link SleeveMark}s with {@link #addMark}, then {@link #closePeriod}. A
 * sleeve without a mark in a period is carried forward at its latest mark. The period return is
 * {@code (Σ equity_t − Σ equity_{t−1}) / Σ equity_{t−1}}, where a sleeve appearing for the first
 * time contributes its initial cash to the previous sum, so new capital is never counted as a
 * return. Max drawdown is peak-to-trough on the summed equity net of such capital additions: it is
 * tracked on the index {@code Π (1 + r)} of those period returns, which is exactly {@code Σ equity
 * / Σ capital} when every sleeve starts in the first period. Sums run in sorted symbol order, so
 * results are bit-identical whatever order the marks arrive in.
 *
 * <p>Sharpe and Sortino are annualised by the run's actual marking frequency, {@code (returns − 1)
 * / years between the first and the latest return}: about 252 when only exchange sessions are
 * marked, 365 when crypto marks every calendar day. With fewer than {@link #MIN_PERIODS} returns
 * they are {@code NaN}: too short a run to say anything about a year.
 */
public class EquityCurve {

    /** Latest mark per symbol. */
    public Map<String, SleeveMark> latest = new HashMap<>();

    /** Each sleeve's equity as of the last closed period. */
    public Map<String, Double> previousEquity = new HashMap<>();

    public ReturnStats returns = new ReturnStats();

    /** Growth of one unit of capital through the period returns, and its peak. */
    public double index = 1.0;

    public double peakIndex = 1.0;
    public double maxDrawdown;

    /** End of the first period with a return ({@code Long.MIN_VALUE}: none yet). */
    public long firstReturnTs = Long.MIN_VALUE;

    /** Fewest period returns for an annualised ratio. */
    public static final int MIN_PERIODS = 20;

    private static final double YEAR_MS = 365.25 * 24 * 3600 * 1000;

    public EquityCurve() {}

    /** Records a sleeve's mark for the current period; a later mark of a sleeve replaces it. */
    public void addMark(SleeveMark mark) {
        latest.put(mark.symbol(), mark);
    }

    /** Closes the current period: sums the sleeves, updates the statistics, returns the row. */
    public LeaderboardRow closePeriod(String agent, long ts) {
        List<String> symbols = new ArrayList<>(latest.keySet());
        Collections.sort(symbols);
        double equity = 0.0;
        double previous = 0.0;
        double capital = 0.0;
        int trades = 0;
        int wins = 0;
        int open = 0;
        double unrealized = 0.0;
        boolean halted = false;
        for (String symbol : symbols) {
            SleeveMark m = latest.get(symbol);
            equity += m.equity();
            capital += m.initialCash();
            Double before = previousEquity.get(symbol);
            previous += before == null ? m.initialCash() : before;
            trades += m.trades();
            wins += m.wins();
            if (m.position() != 0.0) {
                open++;
                unrealized += m.unrealizedPnl();
            }
            halted |= m.halted();
        }
        for (String symbol : symbols) {
            previousEquity.put(symbol, latest.get(symbol).equity());
        }
        if (previous > 0.0) {
            double r = (equity - previous) / previous;
            returns.add(r);
            if (firstReturnTs == Long.MIN_VALUE) {
                firstReturnTs = ts;
            }
            index *= 1.0 + r;
            if (index > peakIndex) {
                peakIndex = index;
            }
            double drawdown = (peakIndex - index) / peakIndex;
            if (drawdown > maxDrawdown) {
                maxDrawdown = drawdown;
            }
        }
        double periodsPerYear = periodsPerYear(ts);
        double totalReturn = capital > 0.0 ? equity / capital - 1.0 : Double.NaN;
        double winRate = trades == 0 ? Double.NaN : (double) wins / trades;
        return new LeaderboardRow(
                agent,
                ts,
                equity,
                capital,
                totalReturn,
                returns.sharpe(periodsPerYear),
                returns.sortino(periodsPerYear),
                maxDrawdown,
                trades,
                winRate,
                symbols.size(),
                halted,
                open,
                unrealized);
    }

    /** Marked periods per year so far, {@code NaN} below {@link #MIN_PERIODS} returns. */
    double periodsPerYear(long ts) {
        if (returns.count < MIN_PERIODS || ts <= firstReturnTs) {
            return Double.NaN;
        }
        return (returns.count - 1) * YEAR_MS / (ts - firstReturnTs);
    }
}
