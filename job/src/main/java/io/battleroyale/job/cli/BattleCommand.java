package io.battleroyale.job.cli;

import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.BattleJob;
import io.battleroyale.job.BattleSettings;
import io.battleroyale.job.JobRunner;
import io.battleroyale.job.LocalFlink;
import io.battleroyale.job.explain.Explanations;
import io.battleroyale.job.explain.GeminiSettings;
import io.battleroyale.job.report.HtmlReport;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.job.report.Report;
import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.bounds.Credentials;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.operators.join.TickFilter;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Group;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** What {@code run} and {@code backtest} share: build the graph, run it, write the report. */
abstract class BattleCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin StrategyOptions strategy;

    @Mixin EngineOptions engine;

    @Mixin ShiftOptions shifts;

    @Mixin GatewayOptions gateway;

    @Mixin KafkaOptions kafka;

    @Mixin ExplainOptions explain;

    @Option(
            names = "--risk",
            paramLabel = "LIMITS",
            description = {
                "Pre-trade limits, key=value,... over this command's base, or none / defaults:",
                "  e.g. max_order_notional=100000,max_position=1000,price_band=5%%,max_data_age=off.",
                "Keys: max_position, max_gross_exposure, max_order_notional, price_band,"
                        + " max_data_age, max_orders, order_rate_window, max_drawdown,"
                        + " circuit_breaker_drop, circuit_breaker_window, circuit_breaker_cooldown"
                        + " (docs/risk.md).",
                "Refused orders go to rejections.jsonl."
            })
    @Nullable
    String risk;

    @Option(
            names = "--markets",
            paramLabel = "FILE",
            description =
                    "Event map (markets.yaml): which events move which symbols. Default: the bundled map.")
    @Nullable
    Path markets;

    @Option(
            names = "--shift-window",
            defaultValue = "auto",
            paramLabel = "auto|DURATION",
            description =
                    "Agents see each probability's change over this much event time, and the shifts (SURGE/DROP within it) that completed within it. auto: one bar spacing of the data (a day for daily bars), at least 60m, so that a move between two closes is always seen. Default: ${DEFAULT-VALUE}.")
    String shiftWindowOption;

    @Option(
            names = "--tick-filter",
            defaultValue = "last",
            paramLabel = "last|median:N|none",
            description =
                    "Recorded prediction-market prints are noisy. last: a burst of prints of one market at one millisecond becomes its last print; median:N: besides, each print becomes the median of its market's last N (odd) prints, taking out a lone outlier; none: every print as recorded. Collapsed prints are counted in summary.json. Default: ${DEFAULT-VALUE}.")
    String tickFilter;

    /** The spacing of the bars (the gap between a symbol's first two), {@code 0} if unknown. */
    abstract long cadenceMs() throws Exception;

    /**
     * {@code --shift-window}, with {@code auto} resolved against the data's cadence; a window
     * shorter than the bar spacing adds a warning.
     */
    Duration shiftWindow(List<String> warnings) throws Exception {
        long cadence = cadenceMs();
        if (shiftWindowOption.equals("auto")) {
            return Duration.ofMillis(Math.max(MIN_SHIFT_WINDOW.toMillis(), cadence));
        }
        Duration window =
                io.battleroyale.model.bounds.Durations.parse("--shift-window", shiftWindowOption);
        if (cadence > window.toMillis()) {
            warnings.add(
                    String.format(
                            "--shift-window %s is shorter than the bar spacing (%s): agents only"
                                    + " see probability moves that end within %s before a bar's"
                                    + " close",
                            shiftWindowOption,
                            io.battleroyale.model.bounds.Durations.format(
                                    Duration.ofMillis(cadence)),
                            shiftWindowOption));
        }
        return window;
    }

    private static final Duration MIN_SHIFT_WINDOW = Duration.ofMinutes(60);

    /** Checks the input files before anything starts, so a wrong one costs one line. */
    void checkInputs() {}

    /** The folder outputs go to. */
    abstract Path out();

    /** The Flink state backend and checkpointing this command runs with. */
    abstract LocalFlink flink(Path out);

    /** Builds the inputs on the environment. */
    abstract BattleJob.Inputs inputs(StreamExecutionEnvironment env) throws Exception;

    abstract long barLengthMs();

    /** What summary.json says about the run. */
    abstract Map<String, Object> describe();

    /** Whether a source may go idle on purpose (a quiet live venue); replays never do. */
    boolean inputsMayIdle() {
        return false;
    }

    /** The limits {@code --risk} overlays: {@code run} applies defaults, a backtest none. */
    abstract RiskLimits riskBase();

    /** An agent's {@code group} must be a group of the event map, or it would never trade. */
    private static void requireKnownGroups(List<AgentSpec> contestants, EventMap map) {
        for (AgentSpec agent : contestants) {
            String group = agent.params().get("group");
            if (group != null && map.group(group) == null) {
                throw new IllegalArgumentException(
                        "--agents: "
                                + agent
                                + ": no event group '"
                                + group
                                + "' in "
                                + map.origin()
                                + " (groups: "
                                + map.groups().stream().map(g -> g.name()).toList()
                                + ")");
            }
        }
    }

    RiskLimits riskLimits() {
        return risk == null ? riskBase() : RiskLimits.parse(risk, riskBase());
    }

    /**
     * Set by {@link io.battleroyale.job.ClusterEntryPoint}: the graph runs in the environment the
     * cluster gives ({@code flink run}, a jar submitted over REST, the Kubernetes operator), with
     * the cluster's configuration and, of {@link LocalFlink}'s overrides, only the run's own
     * ({@link LocalFlink#runSettings()}).
     */
    boolean onCluster;

    /** The job went to a cluster that runs it detached. */
    private boolean submitted;

    /** Where the graph runs: the cluster's environment, or a local one with the run's settings. */
    private StreamExecutionEnvironment environment(LocalFlink flink) {
        if (!onCluster) {
            return flink.environment();
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(engine.parallelism);
        env.configure(flink.runSettings());
        return env;
    }

    @Override
    public Integer call() throws Exception {
        return battle(out(), this::inputs, true) != null || submitted ? 0 : 1;
    }

    /** Builds a run's inputs on its environment. */
    interface InputFactory {
        BattleJob.Inputs build(StreamExecutionEnvironment env) throws Exception;
    }

    /** What one battle left behind. */
    record Battle(OutputFolder folder, List<LeaderboardRow> standings, JobRunner.Outcome outcome) {}

    /**
     * One battle into {@code out}: builds the graph on {@code inputs}, runs it, writes the report
     * files and, with {@code print}, the leaderboard to the console.
     *
     * @return {@code null} when no bar reached the agents (the reason is on stderr)
     */
    @Nullable
    Battle battle(Path out, InputFactory inputs, boolean print) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter console = spec.commandLine().getOut();
        checkInputs();
        List<AgentSpec> contestants = strategy.contestants();
        EventMap eventMap = eventMap();
        requireKnownGroups(contestants, eventMap);
        RiskLimits limits = riskLimits();
        List<String> warnings = new ArrayList<>();
        Duration shiftWindow = shiftWindow(warnings);
        // every setting is checked before the run says anything: a refusal is the only line
        BattleSettings settings = settings(limits, shiftWindow, eventMap);
        GeminiSettings gemini = explain.settings();
        warnings.forEach(w -> err.println("warning: " + w));
        Files.createDirectories(out);
        err.println("risk: " + (limits.isNone() ? "none" : limits.toText()));
        LocalFlink flink = flink(out);
        StreamExecutionEnvironment env = environment(flink);
        OutputFolder folder = new OutputFolder(out);
        BattleJob.Outputs outputs = folder.sinks().withGateway(gateway.sink(System.getenv()));
        if (outputs.gateway() != null) {
            err.println("orders also go to the gateway at " + gateway.url);
        }
        if (kafka.writesKafka()) {
            outputs = outputs.withPublished(kafka.published(out));
            err.println(
                    "results also go to Kafka at "
                            + kafka.bootstrap
                            + " (exactly once; read with isolation.level=read_committed)");
        }
        if (gemini != null) {
            outputs = outputs.withExplanations(new Explanations(folder.explanations(), gemini));
            err.println(
                    "explanations: "
                            + (gemini.key() == null
                                    ? "no "
                                            + Credentials.GEMINI_API_KEY
                                            + ", every one is the rationale"
                                    : gemini.model() + " at " + gemini.baseUrl())
                            + " (explanations.jsonl)");
        }
        BattleJob.wire(inputs.build(env), outputs, settings);
        if (onCluster && !env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            // submitted over REST or by the operator: nobody waits for the end here; the output
            // folder fills as the job runs and the cluster's UI and metrics follow it
            err.println(
                    "submitted job " + env.executeAsync("battle-royale " + spec.name()).getJobID());
            submitted = true;
            return null;
        }

        JobRunner runner =
                new JobRunner(
                        err,
                        engine.progressEvery,
                        flink.checkpointDir() == null
                                ? out.resolve("savepoints").toUri().toString()
                                : flink.checkpointDir().resolve("savepoints").toUri().toString());
        JobRunner.Outcome outcome = runner.run(env, "battle-royale " + spec.name());
        err.printf(
                "done: %,d bars in %.1fs (%,.0f bars/s)%s%n",
                outcome.bars(),
                outcome.elapsed().toMillis() / 1000.0,
                outcome.barsPerSecond(),
                !outcome.interrupted()
                        ? ""
                        : outcome.drained()
                                ? ", stopped by Ctrl-C"
                                : ", stopped by SIGTERM without draining (resume: --restore latest;"
                                        + " open positions are not marked)");

        List<String> found = new ArrayList<>();
        if (outcome.lateEvents() > 0) {
            found.add(
                    String.format(
                            "%,d probability ticks, shifts or pauses arrived after the bar they"
                                    + " belong to was decided; those bars were decided without"
                                    + " them",
                            outcome.lateEvents()));
        }
        found.addAll(idleAgents(contestants, outcome));
        outcome.disqualified()
                .forEach((agent, why) -> found.add(agent + " was disqualified: " + why));
        found.addAll(unreachableGroups(eventMap, outcome));
        found.forEach(w -> err.println("warning: " + w));
        warnings.addAll(found);
        long rejected = Math.max(0, Files.readAllLines(folder.file("rejected.csv")).size() - 1);
        if (rejected > 0) {
            err.printf("rejected %,d input rows: see %s%n", rejected, folder.file("rejected.csv"));
        }
        long refused = Files.readAllLines(folder.file("rejections.jsonl")).size();
        if (refused > 0) {
            err.printf(
                    "risk gate refused %,d orders: see %s%n",
                    refused, folder.file("rejections.jsonl"));
        }
        if (outcome.bars() == 0) {
            err.println(
                    "error: no usable bars reached the agents"
                            + (rejected > 0 ? " (every row was rejected)" : "")
                            + "; nothing to report");
            return null;
        }
        List<LeaderboardRow> standings =
                Report.standings(folder, contestants.stream().map(AgentSpec::agentName).toList());
        Map<String, Object> run = new LinkedHashMap<>(describe());
        run.put("agents", contestants.stream().map(AgentSpec::toString).toList());
        run.put("bars", outcome.bars());
        run.put("shift_window", io.battleroyale.model.bounds.Durations.format(shiftWindow));
        run.put("rejected_rows", rejected);
        run.put("late_events", outcome.lateEvents());
        run.put("tick_filter", settings.tickFilter().toString());
        run.put("ticks_collapsed", outcome.ticksCollapsed());
        run.put("risk", limits.isNone() ? "none" : limits.toText());
        run.put("risk_rejections", refused);
        run.put("signal_only", List.copyOf(new TreeSet<>(eventMap.signalOnly())));
        if (gemini != null) {
            run.put("explanations", outcome.explanations());
        }
        Report.write(folder, standings, outcome.disqualified(), run, warnings);
        Path report =
                HtmlReport.write(
                        folder,
                        "battle " + spec.name() + ": " + out.toAbsolutePath().getFileName());
        if (print) {
            console.print(Report.table(standings, outcome.disqualified()));
            console.print(Report.banditSummary(folder));
            console.println("outputs: " + out.toAbsolutePath());
            console.println("report: " + report.toAbsolutePath());
        }
        return new Battle(folder, standings, outcome);
    }

    /**
     * One warning per long-only agent whose SELL signals found it flat: it wanted out, was out, and
     * the signal changed nothing, which a user reading only orders would never see.
     */
    private static List<String> idleAgents(List<AgentSpec> contestants, JobRunner.Outcome run) {
        List<String> warnings = new ArrayList<>();
        for (AgentSpec agent : contestants) {
            Long sells = run.sellsWhileFlat().get(agent.agentName());
            if (sells != null && sells > 0) {
                warnings.add(
                        String.format(
                                "%s is long-only: %,d SELL signal%s found it flat and changed"
                                        + " nothing (outcome unchanged in decisions.jsonl);"
                                        + " %s:short=true lets a SELL open a short",
                                agent.agentName(),
                                sells,
                                sells == 1 ? "" : "s",
                                agent.agentName()));
            }
        }
        return warnings;
    }

    /**
     * One warning per event group that had probability ticks in the run but none of whose symbols
     * had a tradable bar: its events reached no agent that could act on them.
     */
    private static List<String> unreachableGroups(EventMap map, JobRunner.Outcome run) {
        List<String> warnings = new ArrayList<>();
        Set<String> signalOnly = map.signalOnly();
        for (Group group : map.groups()) {
            Long ticks = run.groupTicks().get(group.name());
            if (ticks == null || ticks == 0) {
                continue;
            }
            boolean reachable =
                    group.symbols().keySet().stream()
                            .anyMatch(
                                    s ->
                                            run.symbolBars().containsKey(s)
                                                    && !signalOnly.contains(s));
            if (!reachable) {
                List<String> symbols = List.copyOf(group.symbols().keySet());
                String listed =
                        String.join(", ", symbols.subList(0, Math.min(5, symbols.size())))
                                + (symbols.size() > 5
                                        ? ", +" + (symbols.size() - 5) + " more"
                                        : "");
                warnings.add(
                        String.format(
                                "event group %s had %,d probability ticks, but none of its symbols"
                                        + " (%s) is a tradable symbol of the prices: no agent can"
                                        + " act on its events",
                                group.name(), ticks, listed));
            }
        }
        return warnings;
    }

    BattleSettings settings(RiskLimits limits, Duration shiftWindow, EventMap eventMap) {
        return new BattleSettings(
                strategy.arena().withRisk(limits).withSignalOnly(eventMap.signalOnly()),
                new JoinSettings(
                        barLengthMs(),
                        shiftWindow.toMillis(),
                        JoinSettings.DEFAULTS.staleAfterMs(),
                        inputsMayIdle()),
                eventMap,
                shifts.settings(shiftWindow),
                TickFilter.Mode.parse(tickFilter));
    }

    EventMap eventMap() {
        return markets == null ? EventMap.loadDefault() : EventMap.load(markets);
    }
}
