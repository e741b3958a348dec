package io.battleroyale.job.cli;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.BattleJob;
import io.battleroyale.job.LocalFlink;
import io.battleroyale.job.Uids;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The same battle over recorded files: prices and, optionally, event probabilities. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Replays recorded prices (and event probabilities) through the battle graph.",
            "A decision on bar i fills at the open of bar i+1; probabilities join a bar as of its"
                    + " end, never later. Same inputs, same outputs, at any parallelism.",
            "Files: prices timestamp,symbol,open,high,low,close,volume; probabilities"
                    + " timestamp,venue,market_id,event_key,yes_probability (epoch ms UTC; a bar's"
                    + " timestamp is its start). Bad rows go to rejected.csv with file, line and"
                    + " reason.",
            ""
        })
final class BacktestCommand extends BattleCommand {

    @Option(
            names = "--prices",
            required = true,
            paramLabel = "FILE",
            description = "Prices CSV (or .csv.gz), rows in time order, symbols interleaved.")
    Path prices;

    @Option(
            names = "--events",
            paramLabel = "FILE",
            description = "Probabilities CSV (or .csv.gz).")
    @Nullable
    Path events;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(
            names = "--from",
            converter = Instants.class,
            paramLabel = "TIME",
            description = {
                "Trade bars starting at or after this time (2024-03-20 = UTC midnight, an ISO"
                        + " instant, or epoch ms).",
                "Probabilities are not cut: one observed earlier is still known at the start."
            })
    @Nullable
    Instant from;

    @Option(
            names = "--to",
            converter = Instants.class,
            paramLabel = "TIME",
            description = "Trade bars starting before this time.")
    @Nullable
    Instant to;

    @Option(
            names = "--bar-length",
            defaultValue = "auto",
            paramLabel = "auto|DURATION",
            description = {
                "Length of a bar, which sets its end: the latest time a probability may join it.",
                "auto: the gap between a symbol's first two bars, except that a daily bar starting"
                        + " 09:30 New York time is a US session closing at 16:00. Default: ${DEFAULT-VALUE}."
            })
    String barLength;

    @Option(
            names = "--state-backend",
            defaultValue = "hashmap",
            description = "hashmap (fast) or rocksdb. Default: ${DEFAULT-VALUE}.")
    String stateBackend;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description =
                    "Seed for agents that sample (the meta-agent). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    Path out() {
        return out;
    }

    @Override
    LocalFlink flink(Path out) {
        return new LocalFlink(engine.parallelism, stateBackend, null, engine.checkpointDir, null);
    }

    @Override
    RiskLimits riskBase() {
        // no limits unless asked: results stay comparable with other engines
        return RiskLimits.none();
    }

    @Override
    long barLengthMs() {
        return barLength.equals("auto") ? 0 : Durations.parse(barLength).toMillis();
    }

    @Override
    BattleJob.Inputs inputs(StreamExecutionEnvironment env) {
        requireFile(prices, "--prices");
        List<DataStream<RejectedInput>> rejected = new ArrayList<>();
        Replay<PriceBar> bars = CsvReplay.prices(env, prices, Uids.PRICES);
        rejected.add(bars.rejected());
        DataStream<PriceBar> window = bars.records();
        if (from != null || to != null) {
            long start = from == null ? Long.MIN_VALUE : from.toEpochMilli();
            long end = to == null ? Long.MAX_VALUE : to.toEpochMilli();
            window =
                    window.filter(bar -> bar.tsEvent() >= start && bar.tsEvent() < end)
                            .uid(Uids.PRICE_WINDOW)
                            .name("prices from " + from + " to " + to)
                            .setParallelism(window.getParallelism());
        }
        DataStream<ProbabilityTick> ticks;
        if (events != null) {
            requireFile(events, "--events");
            Replay<ProbabilityTick> replay =
                    CsvReplay.probabilities(env, events, Uids.PROBABILITIES);
            rejected.add(replay.rejected());
            ticks = replay.records();
        } else {
            ticks = BattleJob.noProbabilities(window);
        }
        return new BattleJob.Inputs(window, ticks, rejected);
    }

    private static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": no such file: " + file);
        }
    }

    @Override
    Map<String, Object> describe() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", "backtest");
        run.put("prices", prices.getFileName().toString());
        run.put("events", events == null ? null : events.getFileName().toString());
        run.put("bar_length", barLength);
        run.put("from", from == null ? null : from.toString());
        run.put("to", to == null ? null : to.toString());
        run.put("commission_bps", strategy.commissionBps);
        run.put("slippage_bps", strategy.slippageBps);
        run.put("sizing", strategy.sizing);
        run.put("warmup_bars", strategy.warmupBars);
        run.put("initial_cash", strategy.initialCash);
        return run;
    }
}
