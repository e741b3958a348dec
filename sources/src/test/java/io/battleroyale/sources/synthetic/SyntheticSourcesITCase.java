package io.battleroyale.sources.synthetic;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Both synthetic sources, bounded, on a MiniCluster at parallelism 2 with Kryo disabled. */
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
}
