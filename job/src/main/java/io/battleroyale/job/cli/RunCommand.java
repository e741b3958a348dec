package io.battleroyale.job.cli;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.BattleJob;
import io.battleroyale.job.Checkpoints;
import io.battleroyale.job.LocalFlink;
import io.battleroyale.job.Uids;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.bounds.Symbols;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.synthetic.SyntheticMarketConfig;
import io.battleroyale.sources.synthetic.SyntheticSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The battle on the built-in synthetic market, as a live deployment would run it. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the battle on the built-in synthetic market (offline, seeded) in a local Flink"
                    + " cluster and prints the leaderboard. With --use-events, event probabilities"
                    + " come from Kalshi and Polymarket (synthetic fallback); prices stay synthetic.",
            "Agent state lives in RocksDB with periodic checkpoints, as in a live deployment.",
            "Without --epochs it runs until Ctrl-C, which stops cleanly and still prints the"
                    + " leaderboard; SIGTERM (kill PID) instead keeps a savepoint without draining,"
                    + " to resume with --restore latest.",
            ""
        })
final class RunCommand extends BattleCommand {

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description =
                    "Trading days to simulate (one epoch = one session of bars). Default: run until stopped.")
    @Nullable
    Integer epochs;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description =
                    "Seed of the synthetic market. Same seed, same outputs. Default: ${DEFAULT-VALUE}.")
    long seed;

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
            description = {
                "Bar length of the synthetic market; a session (epoch) is 6h30m, so 5m gives 78"
                        + " bars a day. Default: ${DEFAULT-VALUE}."
            })
    Duration barLength;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder. Default: a fresh folder runs/run-<date-time>.")
    @Nullable
    Path out;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            description = "rocksdb (as live) or hashmap (faster). Default: ${DEFAULT-VALUE}.")
    String stateBackend;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "Checkpoint period. Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Mixin UseEventsOptions events;

    @Option(
            names = "--restore",
            paramLabel = "latest|PATH",
            description = {
                "Start from saved state: latest = the newest complete checkpoint or savepoint in"
                        + " the checkpoint folder (--checkpoint-dir, else OUT/checkpoints), or the"
                        + " path of a chk-N / savepoint folder.",
                "Use the same options (and --out) as the run that wrote it: outputs are appended."
            })
    @Nullable
    String restore;

    private Path resolvedOut;
    @Nullable private Path restoreFrom;

    @Override
    public Integer call() throws Exception {
        try (AutoCloseable notices = events.notices(spec.commandLine().getErr())) {
            return super.call();
        }
    }

    @Override
    Path out() {
        if (restore != null && out == null) {
            throw new IllegalArgumentException(
                    "--restore needs --out: the folder of the run being restored (its outputs are"
                            + " continued)");
        }
        if (resolvedOut == null) {
            resolvedOut =
                    out != null
                            ? out
                            : Path.of(
                                    "runs",
                                    "run-"
                                            + LocalDateTime.now()
                                                    .format(
                                                            DateTimeFormatter.ofPattern(
                                                                    "yyyyMMdd-HHmmss")));
        }
        return resolvedOut;
    }

    @Override
    void checkInputs() {
        if (restore != null) {
            restoreFrom = Checkpoints.resolve(restore, checkpoints(out()));
            Checkpoints.requireReadable(restoreFrom.resolve("_metadata"));
        }
    }

    private Path checkpoints(Path out) {
        return engine.checkpointDir != null ? engine.checkpointDir : out.resolve("checkpoints");
    }

    @Override
    LocalFlink flink(Path out) {
        Path checkpoints = checkpoints(out);
        if (restoreFrom != null) {
            spec.commandLine().getErr().println("restoring from " + restoreFrom);
        }
        return new LocalFlink(
                engine.parallelism,
                stateBackend,
                checkpointInterval,
                checkpoints.toAbsolutePath(),
                restoreFrom,
                // an exactly-once topic commits what came after the last periodic checkpoint only
                // on the final checkpoint, which a bounded run otherwise skips
                epochs != null && !kafka.writesKafka());
    }

    SyntheticMarketConfig market() {
        return SyntheticMarketConfig.defaults(
                        seed, epochs == null ? SyntheticMarketConfig.UNBOUNDED : epochs)
                .withSymbols(symbols.stream().map(s -> Symbols.normalize("--symbols", s)).toList())
                .withBarLength(barLength);
    }

    @Override
    RiskLimits riskBase() {
        return RiskLimits.defaults();
    }

    @Override
    long cadenceMs() {
        return barLength.toMillis();
    }

    @Override
    long barLengthMs() {
        return 0;
    }

    @Override
    BattleJob.Inputs inputs(StreamExecutionEnvironment env) {
        if (kafka.readsKafka()) {
            if (events.useEvents || epochs != null) {
                throw new IllegalArgumentException(
                        (events.useEvents ? "--use-events" : "--epochs")
                                + " is for the synthetic market; with Kafka input the run reads"
                                + " its topics until Ctrl-C");
            }
            return kafka.bus(out()).inputs(env, kafka.reading(false));
        }
        SyntheticMarketConfig market = market();
        var prices =
                env.fromSource(
                                SyntheticSources.prices(market),
                                SyntheticSources.<PriceBar>watermarks(),
                                "synthetic prices")
                        .uid(Uids.PRICES);
        var probabilities =
                env.fromSource(
                                events.syntheticClock(
                                        SyntheticSources.probabilities(market), epochs != null),
                                SyntheticSources.<ProbabilityTick>watermarks(),
                                "synthetic probabilities")
                        .uid(Uids.PROBABILITIES);
        EventMap map = markets == null ? EventMap.loadDefault() : EventMap.load(markets);
        return new BattleJob.Inputs(
                prices, events.probabilities(env, probabilities, map, epochs != null), List.of());
    }

    @Override
    boolean inputsMayIdle() {
        // a live venue or a Kafka partition that goes quiet is marked idle so that it does not
        // stall the bars
        return events.useEvents || kafka.readsKafka();
    }

    @Override
    Map<String, Object> describe() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", "run");
        boolean fromKafka = kafka.readsKafka();
        run.put("market", fromKafka ? "kafka" : "synthetic");
        run.put(
                "events",
                fromKafka ? "kafka" : events.useEvents ? "live, synthetic fallback" : "synthetic");
        run.put("seed", seed);
        run.put("epochs", epochs);
        run.put("symbols", symbols);
        run.put("bar_length", barLength.toString());
        return run;
    }
}
