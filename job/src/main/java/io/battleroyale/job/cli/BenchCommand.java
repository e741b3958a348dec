package io.battleroyale.job.cli;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.files.CsvFormats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Measures the two throughput goals on generated data: a single agent over N bars, and the full
 * battle (every built-in agent) over the same bars. Speed is measured here, not in unit tests.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Benchmarks backtests on a generated price file (a seeded random walk, one-minute bars)"
                    + " and prints bars per second.",
            "single: one trend agent, heap state, parallelism 1; time since JVM start is the"
                    + " whole-process figure.",
            "battle: every built-in agent, heap state, --parallelism.",
            ""
        })
final class BenchCommand implements Callable<Integer> {
    private static final long START = 1_577_836_800_000L; // 2020-01-01T00:00Z
    private static final long MINUTE = 60_000L;

    @Spec CommandSpec spec;

    @Option(
            names = "--bars",
            defaultValue = "1000000",
            description = "Bars in the generated file. Default: ${DEFAULT-VALUE}.")
    int bars;

    @Option(
            names = "--symbols",
            defaultValue = "1",
            description = "Symbols the bars are spread over. Default: ${DEFAULT-VALUE}.")
    int symbols;

    @Option(
            names = "--case",
            defaultValue = "all",
            description = "single, battle or all. Default: ${DEFAULT-VALUE}.")
    String benchCase;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Parallelism of the battle case. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--dir",
            defaultValue = "runs/bench",
            description = "Where the generated file and outputs go. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!List.of("single", "battle", "all").contains(benchCase)) {
            throw new IllegalArgumentException(
                    "--case must be single, battle or all: " + benchCase);
        }
        Path prices = dir.resolve(String.format(Locale.ROOT, "bars-%d-%d.csv", bars, symbols));
        if (!Files.exists(prices)) {
            generate(prices);
        }
        out.printf(Locale.ROOT, "%-8s %12s %10s %12s%n", "case", "bars", "seconds", "bars/s");
        if (!benchCase.equals("battle")) {
            long t0 = System.nanoTime();
            run(prices, "trend", 1, "single");
            report(out, "single", (System.nanoTime() - t0) / 1e9);
            double sinceStart =
                    (System.currentTimeMillis()
                                    - ManagementFactory.getRuntimeMXBean().getStartTime())
                            / 1e3;
            out.printf(Locale.ROOT, "%-8s %12s %10.2f %12s%n", "  (jvm)", "", sinceStart, "");
        }
        if (!benchCase.equals("single")) {
            long t0 = System.nanoTime();
            run(prices, null, parallelism, "battle");
            report(out, "battle", (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    private void report(PrintWriter out, String name, double seconds) {
        out.printf(Locale.ROOT, "%-8s %,12d %10.2f %,12.0f%n", name, bars, seconds, bars / seconds);
    }

    private void run(Path prices, String agents, int p, String name) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backtest",
                                "--prices",
                                prices.toString(),
                                "--out",
                                dir.resolve(name).toString(),
                                "--parallelism",
                                Integer.toString(p),
                                "--progress-every",
                                "1h"));
        if (agents != null) {
            args.addAll(List.of("--agents", agents));
        }
        StringWriter sink = new StringWriter();
        CommandLine cli = BattleCli.commandLine();
        cli.setOut(new PrintWriter(sink));
        cli.setErr(new PrintWriter(sink));
        int code = cli.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("bench " + name + " failed:\n" + sink);
        }
    }

    /** A seeded geometric random walk per symbol, rows in time order, symbols interleaved. */
    private void generate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SplittableRandom random = new SplittableRandom(42);
        double[] price = new double[symbols];
        Arrays.fill(price, 100.0);
        int perSymbol = (bars + symbols - 1) / symbols;
        int written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(CsvFormats.PRICES_HEADER);
            w.newLine();
            for (int t = 0; t < perSymbol && written < bars; t++) {
                for (int s = 0; s < symbols && written < bars; s++, written++) {
                    double open = price[s];
                    double close = open * Math.exp(0.001 * gaussian(random));
                    double high = Math.max(open, close) * (1 + 0.0005 * Math.abs(gaussian(random)));
                    double low = Math.min(open, close) * (1 - 0.0005 * Math.abs(gaussian(random)));
                    price[s] = close;
                    w.write(
                            CsvFormats.toCsvLine(
                                    new PriceBar(
                                            "SYM" + s,
                                            START + t * MINUTE,
                                            0,
                                            open,
                                            high,
                                            low,
                                            close,
                                            100 + random.nextInt(900))));
                    w.newLine();
                }
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
