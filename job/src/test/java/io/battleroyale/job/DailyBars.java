package io.battleroyale.job;

import java.util.Locale;

/** Hand-made daily price rows for command-line tests: bar {@code i} starts 2024-01-01 + i days. */
final class DailyBars {
    static final String HEADER = "timestamp,symbol,open,high,low,close,volume";
    static final long DAY = 86_400_000L;
    static final long START = 1_704_067_200_000L; // 2024-01-01

    private DailyBars() {}

    /** One prices.csv row closing at {@code close}, opening 0.1% below it. */
    static String line(int i, String symbol, double close) {
        double open = close * 0.999;
        return String.format(
                Locale.ROOT,
                "%d,%s,%.4f,%.4f,%.4f,%.4f,1000",
                START + i * DAY,
                symbol,
                open,
                Math.max(open, close) * 1.001,
                Math.min(open, close) * 0.999,
                close);
    }
}
