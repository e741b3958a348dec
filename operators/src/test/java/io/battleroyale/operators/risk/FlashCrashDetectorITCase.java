package io.battleroyale.operators.risk;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.TradingPause;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flash-crash detector in a MiniCluster at parallelism 2: what fires, the window's edges, a
 * fall that goes on, and on random markets with out-of-order arrival the matches of the Flink CEP
 * pattern it replaced, one per crash bar (its oldest peak) and none from a peak before the last
 * reported crash.
 */
class FlashCrashDetectorITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster();

    private static final long MIN = 60_000L;
    private static final long T0 = 1_700_000_000_000L;

    /** −5% within 5 minutes pauses for 15 minutes. */
    private static final FlashCrashDetector.Settings SETTINGS =
            new FlashCrashDetector.Settings(0.05, 5 * MIN, 15 * MIN);

    @Test
    void aFallWithinTheWindowPausesFromTheCrashBarsEnd() throws Exception {
        List<PriceBar> bars =
                List.of(
                        bar("SPY", 0, 100),
                        bar("SPY", 1, 99),
                        bar("SPY", 2, 96),
                        bar("SPY", 3, 94.9), // −5.1% from the bar at minute 0
                        bar("QQQ", 0, 200),
                        bar("QQQ", 3, 191)); // −4.5%: no crash
        List<TradingPause> pauses = detected(bars);
        assertThat(pauses)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.symbol()).isEqualTo("SPY");
                            assertThat(p.fromTs()).isEqualTo(T0 + 4 * MIN);
                            assertThat(p.untilTs()).isEqualTo(T0 + 19 * MIN);
                            assertThat(p.reason())
                                    .isEqualTo(
                                            "flash crash: SPY fell 5.10% from 100.0 (bar at "
                                                    + T0
                                                    + ") to 94.9 (bar at "
                                                    + (T0 + 3 * MIN)
                                                    + "), 180000 ms apart; limit 5.00% within"
                                                    + " 300000 ms; paused for 900000 ms");
                        });
    }

    @Test
    void theWindowIsInclusiveAndAnOlderPeakDoesNotCount() throws Exception {
        List<TradingPause> atTheEdge = detected(List.of(bar("SPY", 0, 100), bar("SPY", 5, 95)));
        assertThat(atTheEdge)
                .singleElement()
                .extracting(TradingPause::fromTs)
                .isEqualTo(T0 + 6 * MIN);

        List<TradingPause> tooLate = detected(List.of(bar("SPY", 0, 100), bar("SPY", 6, 90)));
        assertThat(tooLate).isEmpty();
    }

    @Test
    void aFallThatGoesOnNeedsANewPeakAfterTheCrash() throws Exception {
        List<PriceBar> bars =
                List.of(
                        bar("SPY", 0, 100),
                        bar("SPY", 1, 94), // crash from 100
                        bar("SPY", 2, 90), // −4.3% from 94: the bars up to the crash are gone
                        bar("SPY", 3, 85)); // −5.6% from 90: a second crash
        assertThat(detected(bars))
                .extracting(TradingPause::fromTs)
                .containsExactly(T0 + 2 * MIN, T0 + 4 * MIN);
    }

    @Test
    void pausesAreTheCepPatternsMatchesOncePerFallOnRandomMarkets() throws Exception {
        Random random = new Random(7);
        List<PriceBar> bars = new ArrayList<>();
        for (String symbol : List.of("SPY", "QQQ", "TLT", "GLD", "BTC", "ETH")) {
            double price = 100;
            for (int minute = 0; minute < 400; minute++) {
                // mostly small moves, sometimes a plunge or a bounce, a few duplicate closes
                double move =
                        random.nextInt(12) == 0
                                ? -0.02 - 0.05 * random.nextDouble()
                                : 0.02 * (random.nextDouble() - 0.45);
                price = random.nextInt(20) == 0 ? price : price * (1 + move);
                bars.add(bar(symbol, minute, Math.round(price * 100) / 100.0));
            }
        }
        bars.sort(Comparator.comparingLong(PriceBar::tsEvent));
        // out of order within the watermark's bound (no bar is late): swap neighbours
        for (int i = 0; i + 12 < bars.size(); i += 1 + random.nextInt(8)) {
            Collections.swap(bars, i, i + random.nextInt(12));
        }

        List<TradingPause> cep = oncePerFall(cepMatches(bars));
        List<TradingPause> detector = run(bars);
        assertThat(cep).as("the random markets crash").hasSizeGreaterThan(20);
        assertThat(detector).isEqualTo(cep);
    }

    private static List<TradingPause> detected(List<PriceBar> bars) throws Exception {
        return run(bars);
    }

    private static List<TradingPause> run(List<PriceBar> bars) throws Exception {
        List<TradingPause> out = new ArrayList<>();
        try (CloseableIterator<TradingPause> it =
                FlashCrashDetector.pauses(prices(bars), SETTINGS)
                        .uid("detector")
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(
                Comparator.comparing(TradingPause::symbol).thenComparingLong(TradingPause::fromTs));
        return out;
    }

    /** Every (peak, crash) match of the CEP pattern, without a skip strategy. */
    private static List<Tuple2<PriceBar, PriceBar>> cepMatches(List<PriceBar> bars)
            throws Exception {
        List<Tuple2<PriceBar, PriceBar>> out = new ArrayList<>();
        TypeInformation<PriceBar> bar = TypeInformation.of(PriceBar.class);
        try (CloseableIterator<Tuple2<PriceBar, PriceBar>> it =
                CEP.pattern(prices(bars).keyBy(PriceBar::symbol), cepPattern(SETTINGS))
                        .process(new CepMatch())
                        .returns(Types.TUPLE(bar, bar))
                        .uid("cep")
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** Per symbol in crash order: the oldest peak of each crash bar, after the last kept crash. */
    private static List<TradingPause> oncePerFall(List<Tuple2<PriceBar, PriceBar>> matches) {
        matches.sort(
                Comparator.comparing((Tuple2<PriceBar, PriceBar> m) -> m.f1.symbol())
                        .thenComparingLong(m -> m.f1.tsEvent())
                        .thenComparingLong(m -> m.f0.tsEvent()));
        FlashCrashDetector.ToPause toPause = new FlashCrashDetector.ToPause(SETTINGS);
        List<TradingPause> kept = new ArrayList<>();
        Tuple2<PriceBar, PriceBar> last = null;
        for (Tuple2<PriceBar, PriceBar> m : matches) {
            boolean sameSymbol = last != null && last.f1.symbol().equals(m.f1.symbol());
            if (!sameSymbol || m.f0.tsEvent() > last.f1.tsEvent()) {
                kept.add(toPause.pause(m.f0.tsEvent(), m.f0.close(), m.f1));
                last = m;
            }
        }
        kept.sort(
                Comparator.comparing(TradingPause::symbol).thenComparingLong(TradingPause::fromTs));
        return kept;
    }

    private static DataStream<PriceBar> prices(List<PriceBar> bars) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env.fromData(bars)
                .uid("bars")
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<PriceBar>forBoundedOutOfOrderness(Duration.ofMinutes(30))
                                .withTimestampAssigner((bar, ts) -> bar.tsEvent()))
                .uid("watermarks");
    }

    private static PriceBar bar(String symbol, long minute, double close) {
        return new PriceBar(symbol, T0 + minute * MIN, MIN, close, close, close, close, 1e4);
    }

    // The CEP pattern the detector replaced, without its skip strategy: the reference.

    private static Pattern<PriceBar, PriceBar> cepPattern(FlashCrashDetector.Settings settings) {
        return Pattern.<PriceBar>begin("peak", AfterMatchSkipStrategy.noSkip())
                .followedBy("crash")
                .where(new CepCrash(settings))
                .within(Duration.ofMillis(settings.windowMs() + 1));
    }

    private static final class CepCrash extends IterativeCondition<PriceBar> {
        private static final long serialVersionUID = 1L;
        private final FlashCrashDetector.Settings settings;

        CepCrash(FlashCrashDetector.Settings settings) {
            this.settings = settings;
        }

        @Override
        public boolean filter(PriceBar bar, Context<PriceBar> ctx) throws Exception {
            for (PriceBar peak : ctx.getEventsForPattern("peak")) {
                long gap = bar.tsEvent() - peak.tsEvent();
                if (peak.close() > 0
                        && gap > 0
                        && gap <= settings.windowMs()
                        && bar.close() <= peak.close() * (1 - settings.drop())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class CepMatch
            extends PatternProcessFunction<PriceBar, Tuple2<PriceBar, PriceBar>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<PriceBar>> match,
                Context ctx,
                Collector<Tuple2<PriceBar, PriceBar>> out) {
            out.collect(Tuple2.of(match.get("peak").get(0), match.get("crash").get(0)));
        }
    }
}
