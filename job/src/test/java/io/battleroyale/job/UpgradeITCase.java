package io.battleroyale.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.operators.arena.AgentArena;
import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.synthetic.SyntheticMarketConfig;
import io.battleroyale.sources.synthetic.SyntheticSources;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.Nullable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A strategy upgrade through a savepoint, on the real battle graph over the endless synthetic
 * market (RocksDB, parallelism 2): v1 runs {@code trend;meanrev;fed}, stops with a savepoint
 * <b>without draining</b>, and v2 restores it into the same output folder with {@code trend}'s
 * parameters changed, {@code event} added and {@code fed} removed. An uninterrupted v1 run is the
 * reference. Agents are independent (risk is per agent; no meta-agent here), so:
 *
 * <ul>
 *   <li>{@code meanrev}, kept unchanged, places exactly the reference's orders before and after the
 *       restore: its memory, cash and positions carried over;
 *   <li>{@code trend} places the reference's orders up to the savepoint and its own after it;
 *   <li>{@code event} starts after the savepoint with a fresh book (its first buy spends the
 *       initial cash);
 *   <li>{@code fed} places nothing after the savepoint;
 *   <li>no order id is used twice.
 * </ul>
 */
class UpgradeITCase {
    private static final int PARALLELISM = 2;
    private static final String V1 = "trend;meanrev;fed";
    private static final String V2 = "trend:fast=5,slow=20;meanrev;event";
    private static final double CASH = 100_000;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, PARALLELISM);

    @TempDir Path tmp;

    @Test
    void aSavepointUpgradeKeepsAddsAndRemovesAgents() throws Exception {
        Path upgraded = tmp.resolve("upgraded");
        JobClient v1 = start(V1, upgraded, null);
        awaitBars(v1, 5_000);
        String savepoint = stop(v1);
        List<Order> beforeRestore = Order.read(upgraded);
        long restoredAt = beforeRestore.stream().mapToLong(Order::ts).max().orElseThrow();

        JobClient v2 = start(V2, upgraded, Path.of(URI.create(savepoint)));
        awaitBars(v2, 8_000);
        stop(v2);
        List<Order> after = Order.read(upgraded);

        JobClient reference = start(V1, tmp.resolve("reference"), null);
        awaitBars(reference, 25_000);
        stop(reference);
        List<Order> uninterrupted = Order.read(tmp.resolve("reference"));

        // compare where both have run, a day short of the end (a day's orders may be in flight)
        long cut =
                Math.min(
                                after.stream().mapToLong(Order::ts).max().orElseThrow(),
                                uninterrupted.stream().mapToLong(Order::ts).max().orElseThrow())
                        - DAY;
        System.out.printf(
                "upgrade ITCase: savepoint at %s, compared up to %s; orders v1 %d, after v2 %d (last"
                        + " %s), reference %d (last %s)%n",
                java.time.Instant.ofEpochMilli(restoredAt),
                java.time.Instant.ofEpochMilli(cut),
                beforeRestore.size(),
                after.size(),
                after.get(after.size() - 1),
                uninterrupted.size(),
                uninterrupted.get(uninterrupted.size() - 1));

        assertThat(cut).as("v2 ran past the savepoint").isGreaterThan(restoredAt + DAY);
        assertThat(after.stream().map(Order::id)).as("no order id twice").doesNotHaveDuplicates();
        assertThat(after.subList(0, beforeRestore.size()))
                .as("the savepoint's orders stay as written")
                .isEqualTo(beforeRestore);

        assertThat(of("meanrev", after, cut))
                .as("meanrev, kept: the uninterrupted run's orders")
                .isEqualTo(of("meanrev", uninterrupted, cut))
                .anyMatch(o -> o.ts() > restoredAt);

        assertThat(of("trend", after, restoredAt))
                .as("trend up to the savepoint")
                .isEqualTo(of("trend", uninterrupted, restoredAt))
                .isNotEmpty();
        assertThat(after(of("trend", after, cut), restoredAt))
                .as("trend after the savepoint trades on its new parameters")
                .isNotEmpty()
                .isNotEqualTo(after(of("trend", uninterrupted, cut), restoredAt));

        List<Order> added = of("event", after, Long.MAX_VALUE);
        assertThat(added).as("event, added").isNotEmpty().allMatch(o -> o.ts() > restoredAt);
        Order first = added.get(0);
        assertThat(first.side()).isEqualTo("BUY");
        assertThat(first.quantity() * first.price())
                .as("a fresh book: the first buy spends the initial cash")
                .isCloseTo(CASH, within(CASH * 0.01));

        assertThat(of("fed", after, Long.MAX_VALUE))
                .as("fed, removed: nothing after the savepoint")
                .isEqualTo(of("fed", beforeRestore, Long.MAX_VALUE))
                .isNotEmpty();
    }

    private JobClient start(String roster, Path out, @Nullable Path savepoint) throws Exception {
        OutputFolder folder = new OutputFolder(Files.createDirectories(out));
        Configuration conf =
                new LocalFlink(
                                PARALLELISM,
                                "rocksdb",
                                Duration.ofSeconds(1),
                                out.resolve("checkpoints"),
                                savepoint)
                        .configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        SyntheticMarketConfig market =
                SyntheticMarketConfig.defaults(42, SyntheticMarketConfig.UNBOUNDED);
        var prices =
                env.fromSource(
                                SyntheticSources.prices(market),
                                SyntheticSources.<PriceBar>watermarks(),
                                "synthetic prices")
                        .uid(Uids.PRICES);
        var probabilities =
                env.fromSource(
                                SyntheticSources.probabilities(market),
                                SyntheticSources.<ProbabilityTick>watermarks(),
                                "synthetic probabilities")
                        .uid(Uids.PROBABILITIES);
        ArenaSettings arena =
                new ArenaSettings(
                        AgentSpecs.parse(roster),
                        new ExecutionSettings(CASH, 0, 0, Sizing.parse("equity:1.0"), 0),
                        ArenaSettings.DAILY,
                        RiskLimits.defaults());
        BattleJob.wire(
                new BattleJob.Inputs(prices, probabilities, List.of()),
                folder.sinks(),
                new BattleSettings(arena, JoinSettings.DEFAULTS, EventMap.loadDefault()));
        return env.executeAsync("upgrade " + roster);
    }

    /** Stop with a savepoint, without draining: event time does not end. */
    private String stop(JobClient job) throws Exception {
        return job.stopWithSavepoint(
                        false,
                        tmp.resolve("savepoints").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get();
    }

    /** Bars the arena has seen in this job (accumulators start at 0 in a restored one). */
    private static void awaitBars(JobClient job, long bars) {
        ClusterTesting.await(
                () -> {
                    try {
                        Object seen = job.getAccumulators().get().get(AgentArena.BARS_ACCUMULATOR);
                        return seen != null && ((Number) seen).longValue() >= bars;
                    } catch (Exception e) {
                        return false; // the job may still be starting
                    }
                },
                bars + " bars decided",
                Duration.ofSeconds(120));
    }

    private static List<Order> of(String agent, List<Order> orders, long upTo) {
        return orders.stream().filter(o -> o.agent().equals(agent) && o.ts() <= upTo).toList();
    }

    private static List<Order> after(List<Order> orders, long ts) {
        return orders.stream().filter(o -> o.ts() > ts).toList();
    }

    /** A line of orders.csv. */
    private record Order(
            String id,
            String agent,
            String symbol,
            String side,
            double quantity,
            long ts,
            double price) {

        static List<Order> read(Path out) throws Exception {
            List<String> lines = Files.readAllLines(out.resolve("orders.csv"));
            return lines.subList(1, lines.size()).stream()
                    .map(
                            line -> {
                                String[] f = line.split(",");
                                return new Order(
                                        f[0],
                                        f[1],
                                        f[2],
                                        f[3],
                                        Double.parseDouble(f[4]),
                                        Long.parseLong(f[5]),
                                        Double.parseDouble(f[7]));
                            })
                    .toList();
        }
    }
}
