package io.battleroyale.job.cli;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.files.CsvFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The speed goals of docs/performance.md as one command. Every engine case runs as its own {@code
 * battle} process (the JVM this one runs in, same flags), so wall time and peak RSS are whole
 * process figures; so does the reference loop, alternating with the engine, with the JVM's default
 * JIT.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs every benchmark case and prints one table: case, bars, wall seconds (whole"
                    + " process), bars/s, ratio to the reference loop, peak RSS.",
            "Cases: run (run --epochs 30, RocksDB, checkpoints), single (1M bars, trend, one"
                    + " symbol, against a plain Java loop that must make the same trades), battle"
                    + " (every agent, 1M bars over 20 symbols, heap), live (RocksDB, incremental"
                    + " checkpoints every 10 s, 2,000 symbols x 500 bars, every agent), script"
                    + " (20,000 bars of one symbol: an SMA crossover in JavaScript against trend"
                    + " alone, the cost per bar of a script agent), latency"
                    + " (not measured yet).",
            ""
        })
final class BenchCommand implements Callable<Integer> {
    private static final long START = 1_577_836_800_000L; // 2020-01-01T00:00Z
    private static final long MINUTE = 60_000L;

    /** The JVM's default JIT, after the launcher's C1-only flag: the yardstick gets C2. */
    private static final String FULL_JIT = "-XX:TieredStopAtLevel=4";

    private static final List<String> CASES = List.of("run", "single", "battle", "live", "script");
    private static final Pattern DONE = Pattern.compile("done: ([\\d,]+) bars in");
    private static final Pattern PROGRESS =
            Pattern.compile("progress: ([\\d,]+) bars \\| [\\d,]+ bars/s \\| elapsed ([\\d.]+)s");
    private static final Pattern CHECKPOINT = Pattern.compile("checkpointDuration=(\\d+) ms");

    @Spec CommandSpec spec;

    @Option(
            names = "--case",
            split = ",",
            defaultValue = "run,single,battle,live,script,latency",
            description = "Cases to run, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<String> cases;

    @Option(
            names = "--repeat",
            defaultValue = "1",
            description =
                    "Runs of each case, in turns (case by case, then again); the table shows"
                            + " medians. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(
            names = "--quick",
            description = "A tenth of every size (a smoke run; the goals are for the full sizes).")
    boolean quick;

    @Option(
            names = "--dir",
            defaultValue = "runs/bench",
            description = "Where generated files and outputs go. Default: ${DEFAULT-VALUE}.")
    Path dir;

    /** One run of one case. */
    private record Sample(
            long bars,
            double wallSeconds,
            double barsPerSecond,
            double referenceSeconds,
            long peakRssBytes,
            String note) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String c : cases) {
            if (!CASES.contains(c) && !c.equals("latency")) {
                throw new IllegalArgumentException(
                        "--case: "
                                + c
                                + " is not one of run, single, battle, live, script, latency");
            }
        }
        Files.createDirectories(dir);
        int scale = quick ? 10 : 1;
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        boolean sameTrades = true;
        for (int round = 0; round < repeat; round++) {
            for (String c : cases) {
                if (c.equals("latency")) {
                    continue;
                }
                err.printf(Locale.ROOT, "bench: %s (%d of %d)%n", c, round + 1, repeat);
                err.flush();
                Sample s =
                        switch (c) {
                            case "run" -> run(30 / scale);
                            case "single" -> single(1_000_000 / scale);
                            case "battle" -> battle(1_000_000 / scale, 20);
                            case "script" -> script(20_000 / scale);
                            default -> live(2_000 / scale, 500);
                        };
                sameTrades &= !s.note().startsWith("TRADES DIFFER");
                samples.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
            }
        }
        out.printf(
                Locale.ROOT,
                "%-8s %11s %8s %10s %7s %9s  %s%n",
                "case",
                "bars",
                "wall s",
                "bars/s",
                "ratio",
                "peak RSS",
                "notes");
        for (String c : cases) {
            if (c.equals("latency")) {
                out.printf(
                        Locale.ROOT,
                        "%-8s %11s %8s %10s %7s %9s  %s%n",
                        "latency",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-",
                        "not measured: needs a source paced by the wall clock (docs/performance.md)");
                continue;
            }
            List<Sample> runs = samples.get(c);
            Sample m = runs.get(runs.size() / 2);
            double wall = median(runs, Sample::wallSeconds);
            double ref = median(runs, Sample::referenceSeconds);
            out.printf(
                    Locale.ROOT,
                    "%-8s %,11d %8.2f %,10.0f %7s %9s  %s%n",
                    c,
                    m.bars(),
                    wall,
                    median(runs, Sample::barsPerSecond),
                    ref > 0 && sameTrades ? String.format(Locale.ROOT, "%.1fx", wall / ref) : "-",
                    String.format(
                            Locale.ROOT,
                            "%.0f MiB",
                            median(runs, r -> (double) r.peakRssBytes()) / (1 << 20)),
                    notes(c, runs));
        }
        out.printf(
                Locale.ROOT,
                "medians of %d run(s); load average %.2f on %d cores%n",
                repeat,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return sameTrades ? 0 : 1;
    }

    private String notes(String c, List<Sample> runs) {
        return switch (c) {
            case "single" ->
                    String.format(
                                    Locale.ROOT,
                                    "reference loop %.2f s; ",
                                    median(runs, Sample::referenceSeconds))
                            + runs.get(runs.size() / 2).note();
            default -> runs.get(runs.size() / 2).note();
        };
    }

    private interface Metric {
        double of(Sample s);
    }

    private static double median(List<Sample> runs, Metric metric) {
        double[] values = runs.stream().mapToDouble(metric::of).sorted().toArray();
        return values[values.length / 2];
    }

    /** {@code run --epochs N}: the README's first command. */
    private Sample run(int epochs) throws Exception {
        Path out = dir.resolve("run");
        Child child =
                Child.start(
                        dir,
                        "run",
                        "--epochs",
                        Integer.toString(epochs),
                        "--out",
                        out.toString(),
                        "--progress-every",
                        "1h");
        long bars = doneBars(child.stderr());
        return new Sample(bars, child.seconds(), bars / child.seconds(), 0, child.peakRss(), "");
    }

    /** One trend agent over one symbol, against the reference loop on the same file. */
    private Sample single(int bars) throws Exception {
        Path prices = prices(bars, 1);
        Path referenceTrades = dir.resolve("reference-trades.csv");
        Child reference =
                Child.java(
                        dir,
                        List.of(FULL_JIT),
                        0,
                        ReferenceLoop.class.getName(),
                        prices.toString(),
                        referenceTrades.toString());
        List<String> expected = rows(Files.readAllLines(referenceTrades));
        Path out = dir.resolve("single");
        Child child =
                Child.start(
                        dir,
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--agents",
                        "trend",
                        "-p",
                        "1",
                        "--out",
                        out.toString(),
                        "--progress-every",
                        "1h");
        long done = doneBars(child.stderr());
        List<String> engine = Files.readAllLines(out.resolve("trades.csv"));
        engine = rows(engine.subList(1, engine.size()));
        String note =
                engine.equals(expected)
                        ? String.format(Locale.ROOT, "same %,d trades as the engine", engine.size())
                        : "TRADES DIFFER: engine " + engine.size() + ", loop " + expected.size();
        return new Sample(
                done,
                child.seconds(),
                done / child.seconds(),
                reference.seconds(),
                child.peakRss(),
                note);
    }

    /** Every built-in agent over many symbols, hashmap state: the sustained rate. */
    private Sample battle(int bars, int symbols) throws Exception {
        Path prices = prices(bars, symbols);
        Child child =
                Child.start(
                        dir,
                        "backtest",
                        "--prices",
                        prices.toString(),
                        "--out",
                        dir.resolve("battle").toString(),
                        "--progress-every",
                        "1s");
        long done = doneBars(child.stderr());
        return new Sample(
                done,
                child.seconds(),
                sustained(child.stderr()),
                0,
                child.peakRss(),
                "bars/s: sustained (second half of the progress lines)");
    }

    /** The docs' SMA crossover, from the checkout the launcher runs in. */
    private static Path smaJs() {
        Path js = Path.of(System.getProperty("battle.home", "."), "docs", "examples", "sma.js");
        if (!Files.isRegularFile(js)) {
            throw new IllegalArgumentException(
                    "the script case needs " + js.toAbsolutePath() + " (docs/examples/sma.js)");
        }
        return js;
    }

    /**
     * A JavaScript agent beside trend against trend alone on the same bars: the difference in wall
     * time per bar is what a script agent costs (sandbox call, JSON in and out, interpreter).
     */
    private Sample script(int bars) throws Exception {
        Path prices = prices(bars, 1);
        Path js = smaJs();
        Child alone = scriptCase("script-trend", prices, "trend");
        Child both = scriptCase("script", prices, "trend;script:file=" + js);
        long done = doneBars(both.stderr());
        double perBar = (both.seconds() - alone.seconds()) / Math.max(1, done) * 1e6;
        return new Sample(
                done,
                both.seconds(),
                done / both.seconds(),
                0,
                both.peakRss(),
                String.format(
                        Locale.ROOT,
                        "script agent: %.0f us per bar over trend alone (%.2f s)",
                        perBar,
                        alone.seconds()));
    }

    private Child scriptCase(String name, Path prices, String agents) throws Exception {
        return Child.start(
                dir,
                "backtest",
                "--prices",
                prices.toString(),
                "--agents",
                agents,
                "-p",
                "1",
                "--out",
                dir.resolve(name).toString(),
                "--progress-every",
                "1h");
    }

    /**
     * As live: RocksDB, incremental checkpoints every 10 s, every agent, many symbols. The market
     * is endless, as a live one, and the run is stopped with Ctrl-C once {@code symbols *
     * barsPerSymbol} bars are in: a bounded run takes no checkpoint once its first source has
     * finished (docs/deployment.md), and the synthetic events finish within seconds.
     */
    private Sample live(int symbols, int barsPerSymbol) throws Exception {
        String names =
                IntStream.range(0, symbols)
                        .mapToObj(i -> "SYM" + i)
                        .collect(Collectors.joining(","));
        // one session (6h30m) of barsPerSymbol bars
        long barMs = 6 * 3_600_000L + 30 * MINUTE;
        Child child =
                Child.java(
                        dir,
                        List.of(),
                        (long) symbols * barsPerSymbol,
                        BattleCli.class.getName(),
                        "run",
                        "--symbols",
                        names,
                        "--bar-length",
                        (barMs / barsPerSymbol) + "ms",
                        "--out",
                        dir.resolve("live").toString(),
                        "--progress-every",
                        "1s");
        long done = doneBars(child.stderr());
        List<Long> checkpoints = new ArrayList<>();
        Matcher m = CHECKPOINT.matcher(Files.readString(child.log()));
        while (m.find()) {
            checkpoints.add(Long.parseLong(m.group(1)));
        }
        String note =
                checkpoints.isEmpty()
                        ? "no checkpoint completed"
                        : String.format(
                                Locale.ROOT,
                                "bars/s: sustained; %d checkpoints, longest %.2f s",
                                checkpoints.size(),
                                checkpoints.stream().mapToLong(Long::longValue).max().orElse(0)
                                        / 1e3);
        return new Sample(
                done, child.seconds(), sustained(child.stderr()), 0, child.peakRss(), note);
    }

    /** trades.csv rows without decision ids, in one order, to compare engine and loop. */
    private static List<String> rows(List<String> trades) {
        return trades.stream().map(BenchCommand::withoutDecisions).sorted().toList();
    }

    /** A trades.csv row without its decision ids, which the plain loop does not keep. */
    private static String withoutDecisions(String row) {
        int end = -1;
        for (int field = 0; field < 8; field++) {
            end = row.indexOf(',', end + 1);
        }
        return end < 0 ? row : row.substring(0, end);
    }

    private static long doneBars(String stderr) {
        Matcher m = DONE.matcher(stderr);
        if (!m.find()) {
            throw new IllegalStateException("the run did not say how many bars it did:\n" + stderr);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** Bars per second between the middle and the last progress line. */
    private static double sustained(String stderr) {
        List<double[]> points = new ArrayList<>();
        Matcher m = PROGRESS.matcher(stderr);
        while (m.find()) {
            points.add(
                    new double[] {
                        Long.parseLong(m.group(1).replace(",", "")), Double.parseDouble(m.group(2))
                    });
        }
        // the last line may already be the drain at the end: use the last one that grew
        while (points.size() > 2
                && points.get(points.size() - 1)[0] == points.get(points.size() - 2)[0]) {
            points.remove(points.size() - 1);
        }
        if (points.size() < 3) {
            return Double.NaN;
        }
        double[] mid = points.get(points.size() / 2);
        double[] last = points.get(points.size() - 1);
        return (last[0] - mid[0]) / (last[1] - mid[1]);
    }

    /** A seeded geometric random walk per symbol, one-minute bars, symbols interleaved. */
    private Path prices(int bars, int symbols) throws IOException {
        Path file = dir.resolve(String.format(Locale.ROOT, "bars-%d-%d.csv", bars, symbols));
        if (Files.exists(file)) {
            return file;
        }
        SplittableRandom random = new SplittableRandom(42);
        double[] price = new double[symbols];
        Arrays.fill(price, 100.0);
        int perSymbol = (bars + symbols - 1) / symbols;
        int written = 0;
        Path partial = dir.resolve(file.getFileName() + ".partial");
        try (BufferedWriter w = Files.newBufferedWriter(partial)) {
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
        Files.move(partial, file);
        return file;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * A {@code battle} command in a JVM of its own, started as this one was (same java, flags and
     * classpath), with its Flink log (checkpoint completions included) in the bench folder.
     */
    private record Child(double seconds, long peakRss, String stderr, Path log) {

        /** {@code battle ARGS} in a JVM like this one. */
        static Child start(Path dir, String... args) throws Exception {
            return java(dir, List.of(), 0, BattleCli.class.getName(), args);
        }

        /**
         * {@code main} in a JVM like this one, with {@code jvmOptions} after its own.
         *
         * @param interruptAt when positive, the bar count of a progress line at which the run gets
         *     a Ctrl-C (SIGINT), as a user would stop an endless one
         */
        static Child java(
                Path dir, List<String> jvmOptions, long interruptAt, String main, String... args)
                throws Exception {
            Path logDir = dir.resolve("logs").toAbsolutePath();
            Files.createDirectories(logDir);
            Path logConfig = logDir.resolve("log4j2-bench.properties");
            Files.writeString(
                    logConfig,
                    String.join(
                            "\n",
                            "rootLogger.level = WARN",
                            "rootLogger.appenderRef.file.ref = FileAppender",
                            "logger.checkpoints.name ="
                                    + " org.apache.flink.runtime.checkpoint.CheckpointCoordinator",
                            "logger.checkpoints.level = INFO",
                            "appender.file.name = FileAppender",
                            "appender.file.type = File",
                            "appender.file.fileName = ${sys:battle.log.dir}/battle.log",
                            "appender.file.append = false",
                            "appender.file.layout.type = PatternLayout",
                            "appender.file.layout.pattern = %d %-5p %c - %m%n",
                            ""));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-Dlog4j2.configurationFile=" + logConfig);
            command.add("-Dbattle.log.dir=" + logDir);
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(main);
            command.addAll(List.of(args));
            Path stderr = logDir.resolve("stderr.txt");
            long t0 = System.nanoTime();
            Process process =
                    new ProcessBuilder(command)
                            .redirectOutput(logDir.resolve("stdout.txt").toFile())
                            .redirectError(stderr.toFile())
                            .start();
            long peak = 0;
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            boolean interrupted = false;
            for (int tick = 0; process.isAlive(); tick++) {
                peak = Math.max(peak, peakRss(status));
                if (interruptAt > 0
                        && !interrupted
                        && tick % 10 == 0
                        && barsIn(stderr) >= interruptAt) {
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                            .inheritIO()
                            .start()
                            .waitFor();
                    interrupted = true;
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String err = Files.readString(stderr);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "bench: " + main + " " + String.join(" ", args) + " failed:\n" + err);
            }
            return new Child(seconds, peak, err, logDir.resolve("battle.log"));
        }

        /** The bar count of the last progress line a run has written to {@code stderr}. */
        private static long barsIn(Path stderr) throws IOException {
            Matcher m = PROGRESS.matcher(Files.readString(stderr));
            long bars = 0;
            while (m.find()) {
                bars = Long.parseLong(m.group(1).replace(",", ""));
            }
            return bars;
        }

        /** VmHWM (the resident set's high-water mark) of a running process; 0 once it is gone. */
        private static long peakRss(Path status) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended between isAlive and the read
            }
            return 0;
        }
    }
}
