package io.battleroyale.job.cli;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.BattleJob;
import io.battleroyale.job.LocalFlink;
import io.battleroyale.job.Uids;
import io.battleroyale.job.report.HtmlReport;
import io.battleroyale.job.report.OutputFormats;
import io.battleroyale.job.stress.Battery;
import io.battleroyale.job.stress.Timeline;
import io.battleroyale.job.stress.Verdicts;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.operators.stress.Scenario;
import io.battleroyale.operators.stress.ScenarioInjector;
import io.battleroyale.sources.files.CsvLineFormat;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.CsvRow;
import io.battleroyale.sources.files.CsvSchema;
import io.battleroyale.sources.files.Replay;
import io.battleroyale.sources.synthetic.SyntheticMarketConfig;
import io.battleroyale.sources.synthetic.SyntheticSources;
import io.battleroyale.sources.synthetic.SyntheticWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The baseline and every stress scenario on the same graph, judged agent by agent. */
@Command(
        name = "stress",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the battle once unchanged (baseline) and once per stress scenario, each a"
                    + " transformation of the inputs in front of the same graph, and judges every"
                    + " agent: breaks, degrades or adapts (rules in stress.json and docs/stress.md).",
            "Without --prices the base is the synthetic market (offline, seeded).",
            ""
        })
final class StressCommand extends BattleCommand {

    @Option(
            names = "--scenarios",
            defaultValue = "all",
            paramLabel = "all|NAME,...",
            description = {
                "Scenarios to run: all, or some of volatility_spike, flash_crash, rate_shock,"
                        + " probability_whipsaw, stale_feed, venue_outage, historical_path.",
                "Default: ${DEFAULT-VALUE}."
            })
    String scenarios;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = "Prices CSV as backtest reads it. Default: the synthetic market.")
    @Nullable
    Path prices;

    @Option(
            names = "--events",
            paramLabel = "FILE",
            description = "Probabilities CSV (with --prices).")
    @Nullable
    Path events;

    @Option(
            names = "--path",
            paramLabel = "FILE",
            description =
                    "Probabilities CSV that historical_path replays (e.g. a recorded FOMC path)."
                            + " Default: the bundled hand-made 2022-style hike cycle.")
    @Nullable
    Path path;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description =
                    "Seed of the synthetic market, the scenarios' placement and the meta-agent."
                            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--epochs",
            defaultValue = "5",
            paramLabel = "N",
            description = "Synthetic sessions per run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(
            names = "--symbols",
            split = ",",
            defaultValue = "SPY,QQQ,TLT,GLD,BTC-USD",
            description = "Symbols of the synthetic market. Default: ${DEFAULT-VALUE}.")
    List<String> symbols;

    @Option(
            names = "--bar-length",
            defaultValue = "5m",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "Bar length of the synthetic market. Default: ${DEFAULT-VALUE}.")
    Duration barLength;

    @Option(
            names = "--drawdown-limit",
            defaultValue = "0.10",
            description =
                    "An agent whose max drawdown exceeds this breaks. Default: ${DEFAULT-VALUE}.")
    double drawdownLimit;

    @Option(
            names = "--tolerance",
            defaultValue = "0.005",
            description =
                    "How much lower a return (or higher a drawdown) than baseline still counts as"
                            + " no worse. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Nullable private Scenario current;

    @Override
    Path out() {
        return out;
    }

    @Override
    LocalFlink flink(Path dir) {
        return new LocalFlink(engine.parallelism, "hashmap", null, null, null);
    }

    @Override
    RiskLimits riskBase() {
        // the live limits; bars of a file may be a day long, so their age is not a risk there
        return prices == null
                ? RiskLimits.defaults()
                : RiskLimits.parse("max_data_age=off", RiskLimits.defaults());
    }

    @Override
    long barLengthMs() {
        return 0;
    }

    @Override
    long cadenceMs() {
        // the synthetic base's bars are minutes long: auto gives the 60-minute floor
        return prices != null && Files.isRegularFile(prices) ? Cadence.of(prices) : 0;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter console = spec.commandLine().getOut();
        long started = System.nanoTime();
        Timeline timeline = timeline();
        if (!spec.commandLine().getParseResult().hasMatchedOption("--mark-period")) {
            // one equity mark per bar, so recovery is counted in bars
            strategy.markPeriod = Duration.ofMillis(timeline.barLengthMs());
        }
        List<Scenario> battery = new Battery(timeline, seed, eventMap(), path).select(scenarios);
        List<String> agents = strategy.contestants().stream().map(AgentSpec::agentName).toList();
        int runs = battery.size() + 1;

        err.printf("stress [1/%d] baseline%n", runs);
        current = null;
        Battle baseline = battle(out.resolve("baseline"), this::inputs, false);
        if (baseline == null) {
            return 1;
        }
        Verdicts verdicts = new Verdicts(drawdownLimit, tolerance);
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        List<Map<String, Object>> meta = new ArrayList<>();
        for (int i = 0; i < battery.size(); i++) {
            Scenario scenario = battery.get(i);
            err.printf("stress [%d/%d] %s: %s%n", i + 2, runs, scenario.name(), scenario.formula());
            current = scenario;
            Battle run = battle(out.resolve(scenario.name()), this::inputs, false);
            if (run == null) {
                return 1;
            }
            for (String agent : agents) {
                results.add(
                        verdicts.judge(
                                scenario,
                                agent,
                                run.folder(),
                                baseline.folder(),
                                run.outcome().disqualified().get(agent)));
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("scenario", scenario.name());
            d.put("start", scenario.startTs());
            d.put("end", scenario.endTs());
            d.put("formula", scenario.formula());
            described.add(d);
            Map<String, Double> before = Verdicts.selection(run.folder(), scenario.startTs());
            if (!before.isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", scenario.name());
                m.put("p_best_at_start", before);
                m.put("p_best_at_window_end", Verdicts.selection(run.folder(), scenario.endTs()));
                m.put("p_best_at_end", Verdicts.selection(run.folder(), Long.MAX_VALUE));
                m.put(
                        "baseline_p_best_at_end",
                        Verdicts.selection(baseline.folder(), Long.MAX_VALUE));
                meta.add(m);
            }
        }
        Map<String, Object> stress = new LinkedHashMap<>();
        stress.put("results", results);
        stress.put("rules", verdicts.rules());
        stress.put("scenarios", described);
        stress.put("meta_agent_selection", meta);
        stress.put("base", describe());
        Files.writeString(out.resolve("stress.json"), OutputFormats.prettyJson(stress) + "\n");
        Map<String, List<PriceBar>> base = baseBars();
        Map<String, Map<String, List<PriceBar>>> paths = new LinkedHashMap<>();
        for (Scenario scenario : battery) {
            Map<String, List<PriceBar>> path = new TreeMap<>();
            base.forEach(
                    (symbol, bars) -> path.put(symbol, ScenarioInjector.transform(scenario, bars)));
            paths.put(scenario.name(), path);
        }
        Path report =
                HtmlReport.writeStress(
                        out, "battle stress: " + out.toAbsolutePath().getFileName(), base, paths);
        console.print(table(results));
        console.print(metaTable(meta));
        double seconds = (System.nanoTime() - started) / 1e9;
        console.printf(
                Locale.ROOT,
                "%d runs (baseline + %d scenarios) in %.1fs%noutputs: %s%nreport: %s%n",
                runs,
                battery.size(),
                seconds,
                out.toAbsolutePath(),
                report.toAbsolutePath());
        return 0;
    }

    /** Every symbol's bars as the baseline reads them, in time order, for the report's paths. */
    private Map<String, List<PriceBar>> baseBars() throws Exception {
        Map<String, List<PriceBar>> bars = new TreeMap<>();
        if (prices == null) {
            SyntheticWorld world = new SyntheticWorld(market());
            symbols.forEach(symbol -> bars.put(symbol, world.allPrices(symbol)));
            return bars;
        }
        try (Reader reader = Files.newBufferedReader(prices)) {
            for (CsvRow<PriceBar> row :
                    CsvLineFormat.readAll(
                            prices.getFileName().toString(), CsvSchema.PRICES, reader)) {
                if (row.value() != null) {
                    bars.computeIfAbsent(row.value().symbol(), k -> new ArrayList<>())
                            .add(row.value());
                }
            }
        }
        bars.values().forEach(b -> b.sort(Comparator.comparingLong(PriceBar::tsEvent)));
        return bars;
    }

    static String table(List<Map<String, Object>> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-20s %-10s %-9s %9s %9s %8s %8s %6s %8s%n",
                        "scenario",
                        "agent",
                        "verdict",
                        "return",
                        "baseline",
                        "max dd",
                        "base dd",
                        "halts",
                        "recover"));
        for (Map<String, Object> r : results) {
            Object recover = r.get("bars_to_recover");
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-20s %-10s %-9s %8.2f%% %8.2f%% %7.2f%% %7.2f%% %6d %8s%n",
                            r.get("scenario"),
                            r.get("agent"),
                            r.get("verdict"),
                            100 * (double) r.get("return"),
                            100 * (double) r.get("baseline_return"),
                            100 * (double) r.get("max_drawdown"),
                            100 * (double) r.get("baseline_max_drawdown"),
                            (int) r.get("risk_halts"),
                            recover == null ? "never" : recover + " bars"));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    static String metaTable(List<Map<String, Object>> meta) {
        if (meta.isEmpty()) {
            return "";
        }
        StringBuilder sb =
                new StringBuilder(
                        "meta-agent selection (P(best), averaged over symbols"
                                + " and regimes): at the scenario's start -> at its end\n");
        for (Map<String, Object> m : meta) {
            Map<String, Double> before = (Map<String, Double>) m.get("p_best_at_start");
            Map<String, Double> after = (Map<String, Double>) m.get("p_best_at_window_end");
            sb.append(String.format(Locale.ROOT, "  %-20s", m.get("scenario")));
            for (String arm : new TreeSet<>(after.keySet())) {
                sb.append(
                        String.format(
                                Locale.ROOT,
                                " %s %.2f->%.2f",
                                arm,
                                before.getOrDefault(arm, 0.0),
                                after.get(arm)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    Timeline timeline() throws Exception {
        if (prices == null) {
            SyntheticMarketConfig market = market();
            SyntheticWorld world = new SyntheticWorld(market);
            long[] starts = new long[(int) market.totalBars()];
            for (int i = 0; i < starts.length; i++) {
                starts[i] = world.barStart(i);
            }
            return new Timeline(starts, barLength.toMillis(), symbols);
        }
        if (!Files.isRegularFile(prices)) {
            throw new IllegalArgumentException("--prices: no such file: " + prices);
        }
        TreeSet<Long> starts = new TreeSet<>();
        TreeSet<String> names = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(prices)) {
            for (CsvRow<PriceBar> row :
                    CsvLineFormat.readAll(
                            prices.getFileName().toString(), CsvSchema.PRICES, reader)) {
                if (row.value() != null) {
                    starts.add(row.value().tsEvent());
                    names.add(row.value().symbol());
                }
            }
        }
        long gap = Long.MAX_VALUE;
        Long previous = null;
        for (long t : starts) {
            if (previous != null) {
                gap = Math.min(gap, t - previous);
            }
            previous = t;
        }
        return new Timeline(
                starts.stream().mapToLong(Long::longValue).toArray(),
                gap == Long.MAX_VALUE ? 1 : gap,
                List.copyOf(names));
    }

    private SyntheticMarketConfig market() {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1: " + epochs);
        }
        return SyntheticMarketConfig.defaults(seed, epochs)
                .withSymbols(symbols)
                .withBarLength(barLength);
    }

    @Override
    BattleJob.Inputs inputs(StreamExecutionEnvironment env) {
        DataStream<PriceBar> bars;
        DataStream<ProbabilityTick> ticks;
        List<DataStream<RejectedInput>> rejected = new ArrayList<>();
        if (prices == null) {
            SyntheticMarketConfig market = market();
            bars =
                    env.fromSource(
                                    SyntheticSources.prices(market),
                                    SyntheticSources.<PriceBar>watermarks(),
                                    "synthetic prices")
                            .uid(Uids.PRICES);
            ticks =
                    env.fromSource(
                                    SyntheticSources.probabilities(market),
                                    SyntheticSources.<ProbabilityTick>watermarks(),
                                    "synthetic probabilities")
                            .uid(Uids.PROBABILITIES);
        } else {
            Replay<PriceBar> replay = CsvReplay.prices(env, prices, Uids.PRICES);
            rejected.add(replay.rejected());
            bars = replay.records();
            if (events != null) {
                if (!Files.isRegularFile(events)) {
                    throw new IllegalArgumentException("--events: no such file: " + events);
                }
                Replay<ProbabilityTick> p =
                        CsvReplay.probabilities(env, events, Uids.PROBABILITIES);
                rejected.add(p.rejected());
                ticks = p.records();
            } else {
                ticks = BattleJob.noProbabilities(bars);
            }
        }
        if (current != null) {
            bars = ScenarioInjector.prices(bars, current, Uids.STRESS_PRICES);
            ticks = ScenarioInjector.probabilities(env, ticks, current, Uids.STRESS_PROBABILITIES);
        }
        return new BattleJob.Inputs(bars, ticks, rejected);
    }

    @Override
    Map<String, Object> describe() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", "stress");
        run.put("scenario", current == null ? "baseline" : current.name());
        if (prices == null) {
            run.put("market", "synthetic");
            run.put("seed", seed);
            run.put("epochs", epochs);
            run.put("symbols", symbols);
            run.put("bar_length", barLength.toString());
        } else {
            run.put("prices", prices.getFileName().toString());
            run.put("events", events == null ? null : events.getFileName().toString());
        }
        run.put("initial_cash", strategy.initialCash);
        run.put("sizing", strategy.sizing);
        return run;
    }
}
