package io.battleroyale.functions.metrics;

/**
 * Running statistics of periodic returns for Sharpe and Sortino ratios. A Flink POJO.
 *
 * <ul>
 *   <li>Sharpe = mean / sample standard deviation (n − 1) × √periodsPerYear, risk-free rate 0;
 *   <li>Sortino = mean / downside deviation × √periodsPerYear, where downside deviation = √(Σ
 *       min(r, 0)² / n) over all n returns (target 0).
 * </ul>
 *
 * <p>Both are {@code NaN} when undefined: fewer than two returns, or a zero deviation (a constant
 * series, or no losing period for Sortino). The variance is accumulated with Welford's update
 * rather than a raw sum of squares, so that a constant series has exactly zero variance and small
 * returns do not lose precision to cancellation.
 */
public class ReturnStats {

    /** Default annualisation: daily returns, 252 trading days. */
    public static final double TRADING_DAYS = 252.0;

    public long count;

    /** Running mean of the returns. */
    public double mean;

    /** Σ (r − mean)², by Welford's update. */
    public double m2;

    /** Σ min(r, 0)². */
    public double downsideSumSq;

    public ReturnStats() {}

    public void add(double r) {
        count++;
        double delta = r - mean;
        mean += delta / count;
        m2 += delta * (r - mean);
        if (r < 0.0) {
            downsideSumSq += r * r;
        }
    }

    /** Mean return per period, {@code NaN} without returns. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Sample standard deviation per period, {@code NaN} with fewer than two returns. */
    public double stddev() {
        return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1));
    }

    public double downsideDeviation() {
        return count == 0 ? Double.NaN : Math.sqrt(downsideSumSq / count);
    }

    /** Sharpe ratio annualised with √252. */
    public double sharpe() {
        return sharpe(TRADING_DAYS);
    }

    public double sharpe(double periodsPerYear) {
        double sd = stddev();
        if (!(sd > 0.0)) {
            return Double.NaN;
        }
        return mean / sd * Math.sqrt(periodsPerYear);
    }

    /** Sortino ratio annualised with √252. */
    public double sortino() {
        return sortino(TRADING_DAYS);
    }

    public double sortino(double periodsPerYear) {
        if (count < 2) {
            return Double.NaN;
        }
        double dd = downsideDeviation();
        if (!(dd > 0.0)) {
            return Double.NaN;
        }
        return mean / dd * Math.sqrt(periodsPerYear);
    }
}
