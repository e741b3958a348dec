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
import io.battleroyale.sources.files.CsvFiles;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.CsvSchema;
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
            paramLabel = "FILE",
            description = {
                "Prices CSV (or .csv.gz), rows in time order, symbols interleaved.",
                "Required unless the input is Kafka (--kafka [--kafka-in]): then the topics are"
                        + " replayed from their first message to the last one at start."
            })
    @Nullable
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
    long cadenceMs() {
        return prices != null && Files.isRegularFile(prices) ? Cadence.of(prices) : 0;
    }

    @Override
    long barLengthMs() {
        return barLength.equals("auto")
                ? 0
                : io.battleroyale.model.bounds.Durations.parse("--bar-length", barLength)
                        .toMillis();
    }

    @Override
    void checkInputs() {
        if (kafka.readsKafka()) {
            return; // the topics' messages are checked one by one, bad ones to dead letters
        }
        if (prices == null) {
            throw new IllegalArgumentException(
                    "--prices FILE is required (or Kafka input: --kafka BOOTSTRAP)");
        }
        CsvFiles.requireUsable("--prices", prices, CsvSchema.PRICES);
        if (events != null) {
            CsvFiles.requireUsable("--events", events, CsvSchema.PROBABILITIES);
        }
    }

    @Override
    BattleJob.Inputs inputs(StreamExecutionEnvironment env) {
        if (kafka.readsKafka()) {
            if (prices != null || events != null) {
                throw new IllegalArgumentException(
                        "--prices/--events and Kafka input exclude each other");
            }
            BattleJob.Inputs topics = kafka.bus(out).inputs(env, kafka.reading(true));
            return new BattleJob.Inputs(
                    window(topics.prices()), topics.probabilities(), topics.rejected());
        }
        List<DataStream<RejectedInput>> rejected = new ArrayList<>();
        Replay<PriceBar> bars = CsvReplay.prices(env, prices, Uids.PRICES);
        rejected.add(bars.rejected());
        DataStream<PriceBar> window = window(bars.records());
        DataStream<ProbabilityTick> ticks;
        if (events != null) {
            Replay<ProbabilityTick> replay =
                    CsvReplay.probabilities(env, events, Uids.PROBABILITIES);
            rejected.add(replay.rejected());
            ticks = replay.records();
        } else {
            ticks = BattleJob.noProbabilities(window);
        }
        return new BattleJob.Inputs(window, ticks, rejected);
    }

    /** The bars --from/--to trade. */
    private DataStream<PriceBar> window(DataStream<PriceBar> bars) {
        if (from == null && to == null) {
            return bars;
        }
        long start = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long end = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        // at the replay's parallelism: the file's order reaches the keyed stages
        return bars.filter(bar -> bar.tsEvent() >= start && bar.tsEvent() < end)
                .uid(Uids.PRICE_WINDOW)
                .name("prices from " + from + " to " + to)
                .setParallelism(bars.getParallelism());
    }

    @Override
    Map<String, Object> describe() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("mode", "backtest");
        run.put("prices", prices == null ? "kafka" : prices.getFileName().toString());
        run.put("events", events == null ? null : events.getFileName().toString());
        // where the inputs were, for `battle explain`
        run.put("prices_path", prices == null ? null : prices.toAbsolutePath().toString());
        run.put("events_path", events == null ? null : events.toAbsolutePath().toString());
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
