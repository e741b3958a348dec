package io.battleroyale.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.operators.join.SymbolJoin;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.Replay;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-data backtest (daily ETF and crypto bars, Polymarket FOMC trades, first half of 2023,
 * one-day shift window) gives the same decisions and trades whatever the thread timing: tiny and
 * large network buffer timeouts, fast and slow watermarks, parallelism 1, 2 and 4, a slowed price
 * or event stream (RocksDB with checkpoints: {@code DeterminismITCase}). And nothing reaches the
 * join after the bar it belongs to was decided. Before the fix, shifts that CEP held back under its
 * skip strategy and histories pruned by what had already arrived made these runs differ from one
 * another.
 */
class TimingIndependenceITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 4);

    private static final long FROM = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2023-07-01T00:00:00Z").toEpochMilli();

    /** One way to run the same backtest. */
    private record Timing(
            String name,
            int parallelism,
            String stateBackend,
            @Nullable Duration checkpoints,
            Duration bufferTimeout,
            Duration watermarkInterval,
            String slowed) {}

    private static final List<Timing> TIMINGS =
            List.of(
                    new Timing(
                            "p1",
                            1,
                            "hashmap",
                            null,
                            Duration.ofMillis(100),
                            Duration.ofMillis(200),
                            ""),
                    new Timing(
                            "p2 flush every record, watermarks every ms",
                            2,
                            "hashmap",
                            null,
                            Duration.ZERO,
                            Duration.ofMillis(1),
                            ""),
                    new Timing(
                            "p4 half-second buffers, watermarks every second",
                            4,
                            "hashmap",
                            null,
                            Duration.ofMillis(500),
                            Duration.ofSeconds(1),
                            ""),
                    new Timing(
                            "p2 slowed events",
                            2,
                            "hashmap",
                            null,
                            Duration.ZERO,
                            Duration.ofMillis(1),
                            "events"),
                    new Timing(
                            "p4 slowed prices",
                            4,
                            "hashmap",
                            null,
                            Duration.ZERO,
                            Duration.ofMillis(1),
                            "prices"));

    @TempDir Path tmp;

    @Test
    void theRealDataBacktestIsByteIdenticalUnderPerturbedTiming() throws Exception {
        Path prices = RealData.file("daily-ohlcv-etf-crypto-2021-2026/prices.csv");
        Path events = RealData.file("polymarket-fomc-trades-2023-2025/probabilities.csv");
        Path reference = null;
        for (Timing timing : TIMINGS) {
            Path out =
                    tmp.resolve(
                            timing.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            long late = backtest(prices, events, out, timing);
            assertThat(late).as("late events, " + timing.name()).isZero();
            if (reference == null) {
                reference = out;
                assertThat(Files.readAllLines(out.resolve("decisions.jsonl")))
                        .as("the event agents act on the FOMC odds")
                        .anyMatch(d -> d.contains("\"agent\":\"event\"") && d.contains("FOMC-"));
                continue;
            }
            for (String file : List.of("decisions.jsonl", "trades.csv", "fills.csv")) {
                assertThat(Files.readAllBytes(out.resolve(file)))
                        .as(file + ", " + timing.name() + " vs " + TIMINGS.get(0).name())
                        .isEqualTo(Files.readAllBytes(reference.resolve(file)));
            }
        }
    }

    /** Runs the backtest graph with {@code timing}; returns the join's late count. */
    private static long backtest(Path pricesFile, Path eventsFile, Path out, Timing timing)
            throws Exception {
        Files.createDirectories(out);
        LocalFlink flink =
                new LocalFlink(
                        timing.parallelism(),
                        timing.stateBackend(),
                        timing.checkpoints(),
                        timing.checkpoints() == null ? null : out.resolve("checkpoints"),
                        null);
        Configuration conf = flink.configuration();
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, timing.bufferTimeout());
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, timing.watermarkInterval());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(timing.parallelism());

        Replay<PriceBar> bars = CsvReplay.prices(env, pricesFile, Uids.PRICES);
        Replay<ProbabilityTick> ticks =
                CsvReplay.probabilities(env, eventsFile, Uids.PROBABILITIES);
        DataStream<PriceBar> prices =
                bars.records()
                        .filter(bar -> bar.tsEvent() >= FROM && bar.tsEvent() < TO)
                        .uid(Uids.PRICE_WINDOW)
                        .name("first half of 2023")
                        .setParallelism(1);
        DataStream<ProbabilityTick> probabilities = ticks.records();
        if (timing.slowed().equals("prices")) {
            prices =
                    prices.map(new Slowed<PriceBar>(2_000_000))
                            .uid("slowed-prices")
                            .setParallelism(1); // beside the reader: the file's order stays
        } else if (timing.slowed().equals("events")) {
            probabilities =
                    probabilities
                            .map(new Slowed<ProbabilityTick>(100_000))
                            .uid("slowed-events")
                            .setParallelism(1);
        }

        ArenaSettings arena =
                new ArenaSettings(
                        AgentSpecs.parse(
                                "trend:fast=10,slow=30;meanrev:mode=rsi,period=14,lower=30,upper=70;"
                                        + "event;fed;meta"),
                        new ExecutionSettings(100_000, 1, 2, Sizing.parse("equity:1.0"), 30),
                        ArenaSettings.DAILY);
        JoinSettings join =
                new JoinSettings(
                        0,
                        Duration.ofDays(1).toMillis(),
                        JoinSettings.DEFAULTS.staleAfterMs(),
                        false);
        BattleJob.wire(
                new BattleJob.Inputs(
                        prices, probabilities, List.of(bars.rejected(), ticks.rejected())),
                new OutputFolder(out).sinks(),
                new BattleSettings(arena, join, EventMap.loadDefault()));
        JobExecutionResult result = env.execute("timing " + timing.name());
        Long late = result.getAccumulatorResult(SymbolJoin.LATE_ACCUMULATOR);
        return late == null ? 0 : late;
    }

    /** Passes records on unchanged, each after a pause: a slow stage the rest must wait for. */
    private static final class Slowed<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final long nanos;

        Slowed(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public T map(T value) {
            LockSupport.parkNanos(nanos);
            return value;
        }
    }
}
