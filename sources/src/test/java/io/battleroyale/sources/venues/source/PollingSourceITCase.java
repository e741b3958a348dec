package io.battleroyale.sources.venues.source;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.testing.FlinkTesting;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.prices.PriceFeedRef;
import io.battleroyale.sources.venues.prices.PriceSources;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bounded venue sources in a real MiniCluster at parallelism 2, reading a MockWebServer. */
class PollingSourceITCase {

    @RegisterExtension static final MiniClusterExtension MINI = FlinkTesting.miniCluster();

    @StartStop private final MockWebServer server = new MockWebServer();

    private static final long FROM = Instant.parse("2026-05-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    private static <T> List<T> collect(
            StreamExecutionEnvironment env,
            org.apache.flink.api.connector.source.Source<T, ?, ?> source,
            String name)
            throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), name)
                        .uid(name)
                        .executeAndCollect(name)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void kalshiHistoryFinishesWithExactTicks() throws Exception {
        long to = FROM + 300 * HOUR; // 300 hourly candles per market
        long dataFromS = FROM / 1000 - 10 * 3600;
        long dataToS = to / 1000 + 10 * 3600;
        server.setDispatcher(VenueFakes.kalshiCandles(dataFromS, dataToS));
        List<String> tickers =
                List.of("KXFED-26JUN-T3.75", "KXFED-26JUN-T4.00", "KXCPI-26MAY-T0.3");
        List<VenueMarketRef> refs =
                tickers.stream().map(t -> VenueMarketRef.kalshi(t, "ev_" + t)).toList();
        PollingSource<VenueMarketRef, ProbabilityTick> source =
                ProbabilitySources.kalshi(
                        server.url("/trade-api/v2").toString(),
                        refs,
                        PollSettings.history(Instant.ofEpochMilli(FROM), Instant.ofEpochMilli(to)),
                        HttpSettings.defaults(1000),
                        false);

        List<ProbabilityTick> ticks = collect(env(), source, "kalshi-history");

        List<ProbabilityTick> expected = new ArrayList<>();
        for (String t : tickers) {
            expected.addAll(
                    VenueFakes.kalshiTicks(t, "ev_" + t, dataFromS, dataToS, 3600, FROM, to));
        }
        assertThat(expected).hasSize(900);
        Comparator<ProbabilityTick> order =
                Comparator.comparing(ProbabilityTick::marketId)
                        .thenComparingLong(ProbabilityTick::tsEvent);
        assertThat(ticks.stream().sorted(order).toList())
                .isEqualTo(expected.stream().sorted(order).toList());
        // the series comes from the ticker, and candles are requested per market
        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().encodedPath())
                .matches("/trade-api/v2/series/KX(FED|CPI)/markets/.+/candlesticks");
        assertThat(first.getUrl().queryParameter("period_interval")).isEqualTo("60");
    }

    @Test
    void coinbaseHistoryPagesByWindowsAndFinishesWithExactBars() throws Exception {
        long len = 60_000L;
        long to = FROM + 650 * len; // three windows of at most 300 candles
        List<RecordedRequest> seen = new ArrayList<>();
        server.setDispatcher(VenueFakes.coinbaseCandles(FROM - 100 * len, to + 100 * len, seen));
        PollingSource<PriceFeedRef, PriceBar> source =
                PriceSources.coinbase(
                        server.url("/").toString(),
                        List.of("BTC-USD", "ETH-USD"),
                        Duration.ofMinutes(1),
                        PollSettings.history(Instant.ofEpochMilli(FROM), Instant.ofEpochMilli(to)),
                        HttpSettings.defaults(1000));

        List<PriceBar> bars = collect(env(), source, "coinbase-history");

        List<PriceBar> expected = new ArrayList<>();
        for (String p : List.of("BTC-USD", "ETH-USD")) {
            for (long t = FROM; t < to; t += len) {
                expected.add(VenueFakes.bar(p, t, len));
            }
        }
        Comparator<PriceBar> order =
                Comparator.comparing(PriceBar::symbol).thenComparingLong(PriceBar::tsEvent);
        assertThat(bars.stream().sorted(order).toList()).isEqualTo(expected);
        assertThat(bars).allSatisfy(b -> assertThat(b.lengthMs()).isEqualTo(len));
        synchronized (seen) {
            assertThat(seen).hasSize(6);
        }
    }
}
