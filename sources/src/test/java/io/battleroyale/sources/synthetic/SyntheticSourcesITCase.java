package io.battleroyale.sources.synthetic;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Both synthetic sources on a MiniCluster at parallelism 2 with Kryo disabled. */
class SyntheticSourcesITCase {

    @RegisterExtension static final MiniClusterExtension MINI = FlinkTesting.miniCluster();

    @Test
    void boundedSourcesMatchThePlainJavaWorld() throws Exception {
        SyntheticMarketConfig config = SyntheticMarketConfig.defaults(7, 2);
        StreamExecutionEnvironment env = FlinkTesting.env();
        CloseableIterator<PriceBar> prices =
                env.fromSource(
                                SyntheticSources.prices(config),
                                SyntheticSources.watermarks(),
                                "synthetic prices")
                        .uid("synthetic-prices")
                        .collectAsync();
        CloseableIterator<ProbabilityTick> ticks =
                env.fromSource(
                                SyntheticSources.probabilities(config),
                                SyntheticSources.watermarks(),
                                "synthetic probabilities")
                        .uid("synthetic-probabilities")
                        .collectAsync();
        long start = System.nanoTime();
        JobClient job = env.executeAsync("synthetic");
        List<PriceBar> bars = FlinkTesting.drain(prices);
        List<ProbabilityTick> probabilities = FlinkTesting.drain(ticks);
        job.getJobExecutionResult().get();
        System.out.printf(
                "synthetic: %d bars + %d ticks in %d ms%n",
                bars.size(), probabilities.size(), (System.nanoTime() - start) / 1_000_000);

        SyntheticWorld world = new SyntheticWorld(config);
        assertThat(bars).hasSize(config.symbols().size() * 2 * 390);
        Map<String, List<PriceBar>> bySymbol =
                bars.stream().collect(Collectors.groupingBy(PriceBar::symbol));
        assertThat(bySymbol).containsOnlyKeys(config.symbols());
        // per symbol: the same series as the plain-Java world, in time order (collect keeps
        // the order of each source subtask, and a symbol lives in one subtask)
        config.symbols().forEach(s -> assertThat(bySymbol.get(s)).isEqualTo(world.allPrices(s)));

        Map<String, List<ProbabilityTick>> byEvent =
                probabilities.stream().collect(Collectors.groupingBy(ProbabilityTick::eventKey));
        assertThat(byEvent).containsOnlyKeys("fed_hike", "recession", "cpi_hot");
        byEvent.forEach(
                (key, series) -> {
                    assertThat(series).isEqualTo(world.allProbabilities(key));
                    assertThat(series)
                            .isSortedAccordingTo(
                                    Comparator.comparingLong(ProbabilityTick::tsEvent));
                });
    }

    /**
     * Endless, the two sources stay within the alignment drift of each other: neither runs months
     * ahead (7,633 h before readers were aligned as a whole with stepped watermarks), so the symbol
     * join never holds months of one side. Measured where both meet, so the bound allows for what
     * the network buffers hold in flight (94–363 h seen), from the 20,000th bar on: until the
     * coordinator's first announcement nothing is aligned, and a quiet machine generates weeks of
     * event time in that while.
     */
    @Test
    void endlessSourcesStayAligned() throws Exception {
        SyntheticMarketConfig config =
                SyntheticMarketConfig.defaults(42, SyntheticMarketConfig.UNBOUNDED);
        StreamExecutionEnvironment env = FlinkTesting.env();
        CloseableIterator<Long> lead =
                env.fromSource(
                                SyntheticSources.prices(config),
                                SyntheticSources.watermarks(),
                                "synthetic prices")
                        .uid("synthetic-prices")
                        .connect(
                                env.fromSource(
                                                SyntheticSources.probabilities(config),
                                                SyntheticSources.watermarks(),
                                                "synthetic probabilities")
                                        .uid("synthetic-probabilities"))
                        .process(new LargestLead(20_000, 60_000))
                        .uid("largest-lead")
                        .name("largest lead")
                        .setParallelism(1)
                        .collectAsync();
        JobClient job = env.executeAsync("synthetic endless");
        try {
            long largest = lead.next();
            System.out.printf(
                    "synthetic endless: largest lead of one source over the other %s%n",
                    Duration.ofMillis(largest));
            assertThat(Duration.ofMillis(largest)).isLessThan(Duration.ofDays(30));
        } finally {
            job.cancel().get();
            lead.close();
        }
    }

    /**
     * The largest lead in event time of either input over the other from bar {@code from} on,
     * emitted once at bar {@code to}.
     */
    private static final class LargestLead
            extends CoProcessFunction<PriceBar, ProbabilityTick, Long> {
        private final long from;
        private final long to;
        private long seen;
        private long lastBar = Long.MIN_VALUE;
        private long lastTick = Long.MIN_VALUE;
        private long largest;

        LargestLead(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void processElement1(PriceBar bar, Context ctx, Collector<Long> out) {
            lastBar = Math.max(lastBar, bar.tsEvent());
            measure();
            if (++seen == to) {
                out.collect(largest);
            }
        }

        @Override
        public void processElement2(ProbabilityTick tick, Context ctx, Collector<Long> out) {
            lastTick = Math.max(lastTick, tick.tsEvent());
            measure();
        }

        private void measure() {
            if (seen >= from && lastBar != Long.MIN_VALUE && lastTick != Long.MIN_VALUE) {
                largest = Math.max(largest, Math.abs(lastTick - lastBar));
            }
        }
    }
}
