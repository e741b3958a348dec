package io.battleroyale.job.cli;

import io.battleroyale.functions.indicators.Crossover;
import io.battleroyale.functions.indicators.RollingWindow;
import io.battleroyale.job.report.OutputFormats;
import io.battleroyale.model.Trade;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The yardstick of {@code bench}: a plain single-threaded loop over a one-symbol prices file that
 * does what {@code backtest --agents trend} does with the default settings: SMA(10) / SMA(30)
 * crossover (the same indicator classes, so the same doubles), long only, all-in at the next bar's
 * open, no commission or slippage. No tricks: {@code readLine}, {@code split} and {@code
 * parseDouble}, as anyone would write it.
 *
 * <p>{@code bench} runs it as a process of its own, with the JVM's default JIT (the launcher's
 * C1-only setting is for the engine's short runs, not for the yardstick), and times it whole, as it
 * times the engine.
 */
final class ReferenceLoop {
    private static final int FAST = 10;
    private static final int SLOW = 30;
    private static final double CASH = 100_000;

    private ReferenceLoop() {}

    /** {@code ReferenceLoop PRICES OUT}: writes the trades as {@code trades.csv} rows to OUT. */
    public static void main(String[] args) throws IOException {
        List<String> rows = new ArrayList<>();
        for (Trade trade : trades(Path.of(args[0]))) {
            rows.add(OutputFormats.trade(trade));
        }
        Files.write(Path.of(args[1]), rows);
    }

    /** The round trips, and the position still open at the end as a trade without exit. */
    static List<Trade> trades(Path prices) throws IOException {
        List<Trade> trades = new ArrayList<>();
        RollingWindow fast = new RollingWindow(FAST);
        RollingWindow slow = new RollingWindow(SLOW);
        Crossover cross = new Crossover();
        double cash = CASH;
        double position = 0;
        double entryPrice = 0;
        long entryTs = 0;
        int pending = 0; // +1 buy at the next open, -1 sell at the next open
        double lastClose = 0;
        String symbol = null;
        try (BufferedReader in = Files.newBufferedReader(prices)) {
            in.readLine(); // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                long ts = Long.parseLong(f[0]);
                symbol = f[1];
                double open = Double.parseDouble(f[2]);
                double close = Double.parseDouble(f[5]);
                if (pending < 0) {
                    trades.add(
                            new Trade(
                                    "trend",
                                    symbol,
                                    entryTs,
                                    entryPrice,
                                    ts,
                                    open,
                                    position,
                                    (open - entryPrice) * position,
                                    null,
                                    null));
                    cash += position * open;
                    position = 0;
                } else if (pending > 0) {
                    position = cash / open;
                    cash -= position * open;
                    entryPrice = open;
                    entryTs = ts;
                }
                pending = 0;
                fast.add(close);
                slow.add(close);
                lastClose = close;
                if (slow.isFull()) {
                    int c = cross.update(fast.mean() - slow.mean());
                    if (c > 0 && position == 0) {
                        pending = 1;
                    } else if (c < 0 && position > 0) {
                        pending = -1;
                    }
                }
            }
        }
        if (position > 0) {
            trades.add(
                    new Trade(
                            "trend",
                            symbol,
                            entryTs,
                            entryPrice,
                            null,
                            null,
                            position,
                            (lastClose - entryPrice) * position,
                            null,
                            null));
        }
        return trades;
    }
}
