package io.battleroyale.operators.join;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.ShiftKind;
import io.battleroyale.model.SymbolEvent;
import io.battleroyale.operators.testing.KeyedStates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SymbolJoinTest {
    private static final long MIN = Duration.ofMinutes(1).toMillis();
    private static final JoinSettings SETTINGS =
            new JoinSettings(0, 10 * MIN, Duration.ofDays(1).toMillis());

    @Test
    void aBarSeesProbabilitiesUpToItsEndAndNoneAfter() throws Exception {
        try (var harness = harness(SETTINGS)) {
            harness.processElement1(bar("SPY", 0, MIN, 100), 0);
            harness.processElement2(tick("SPY", 30_000, 0.40), 30_000);
            harness.processElement2(tick("SPY", MIN, 0.50), MIN); // exactly at the end: known
            harness.processElement2(tick("SPY", MIN + 1, 0.90), MIN + 1); // after: not yet
            harness.processBothWatermarks(watermark(MIN));

            List<MarketSnapshot> out = snapshots(harness);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).events())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.probability()).isEqualTo(0.50);
                                assertThat(r.tsObserved()).isEqualTo(MIN);
                            });
        }
    }

    @Test
    void decidedBarsLeaveNoStateBehind() throws Exception {
        try (var harness = harness(SETTINGS)) {
            for (int i = 0; i <= 50; i++) {
                harness.processElement1(bar("SPY", i * MIN, MIN, 100 + i), i * MIN);
                harness.processElement2(tick("SPY", i * MIN + 30_000, 0.40), i * MIN + 30_000);
            }
            assertThat(bufferedBars(harness, "SPY")).hasSize(51);
            assertThat(arrivedEvents(harness, "SPY")).hasSize(51);

            harness.processBothWatermarks(watermark(51 * MIN));

            assertThat(snapshots(harness)).hasSize(51);
            // once decided, a bar is dropped and the events are folded into the join's state:
            // neither buffer grows with the run
            assertThat(bufferedBars(harness, "SPY")).isEmpty();
            assertThat(arrivedEvents(harness, "SPY")).isEmpty();
        }
    }

    /** The bars the join holds for {@code symbol}, waiting for their end. */
    private static Map<Long, PriceBar> bufferedBars(
            KeyedTwoInputStreamOperatorTestHarness<String, PriceBar, SymbolEvent, MarketSnapshot>
                    harness,
            String symbol)
            throws Exception {
        return KeyedStates.map(
                harness.getOperator(),
                symbol,
                new MapStateDescriptor<>(
                        "bars-by-end", Types.LONG, TypeInformation.of(PriceBar.class)));
    }

    /** The events the join has taken in for {@code symbol} but not yet folded into its state. */
    private static List<SymbolEvent> arrivedEvents(
            KeyedTwoInputStreamOperatorTestHarness<String, PriceBar, SymbolEvent, MarketSnapshot>
                    harness,
            String symbol)
            throws Exception {
        return KeyedStates.list(
                harness.getOperator(),
                symbol,
                new ListStateDescriptor<>("arrived-events", SymbolEvent.class));
    }

    @Test
    void theSnapshotDoesNotDependOnArrivalOrder() throws Exception {
        List<MarketSnapshot> barsFirst;
        try (var harness = harness(SETTINGS)) {
            harness.processElement1(bar("SPY", 0, MIN, 100), 0);
            harness.processElement1(bar("SPY", MIN, MIN, 101), MIN);
            harness.processElement2(tick("SPY", 90_000, 0.7), 90_000);
            harness.processElement2(tick("SPY", 10_000, 0.2), 10_000);
            harness.processBothWatermarks(watermark(2 * MIN));
            barsFirst = snapshots(harness);
        }
        List<MarketSnapshot> ticksFirst;
        try (var harness = harness(SETTINGS)) {
            harness.processElement2(tick("SPY", 90_000, 0.7), 90_000);
            harness.processElement2(tick("SPY", 10_000, 0.2), 10_000);
            harness.processElement1(bar("SPY", 0, MIN, 100), 0);
            harness.processElement1(bar("SPY", MIN, MIN, 101), MIN);
            harness.processBothWatermarks(watermark(2 * MIN));
            ticksFirst = snapshots(harness);
        }
        assertThat(ticksFirst).isEqualTo(barsFirst);
        assertThat(barsFirst)
                .extracting(s -> s.events().get(0).probability())
                .containsExactly(0.2, 0.7);
    }

    @Test
    void aLateTickMissesTheDecidedBarButServesTheNext() throws Exception {
        try (var harness = harness(SETTINGS)) {
            harness.processElement1(bar("SPY", 0, MIN, 100), 0);
            harness.processElement2(tick("SPY", 10_000, 0.2), 10_000);
            harness.processBothWatermarks(watermark(MIN));
            harness.processElement2(tick("SPY", 50_000, 0.6), 50_000); // late for bar 0
            harness.processElement1(bar("SPY", MIN, MIN, 101), MIN);
            harness.processBothWatermarks(watermark(2 * MIN));

            List<MarketSnapshot> out = snapshots(harness);
            assertThat(out)
                    .extracting(s -> s.events().get(0).probability())
                    .containsExactly(0.2, 0.6);
        }
    }

    @Test
    void probabilityBeforeLooksOneShiftWindowBack() throws Exception {
        try (var harness = harness(SETTINGS)) {
            harness.processElement2(tick("SPY", 0, 0.40), 0);
            harness.processElement2(tick("SPY", 5 * MIN, 0.45), 5 * MIN);
            harness.processElement2(tick("SPY", 14 * MIN, 0.80), 14 * MIN);
            harness.processElement1(bar("SPY", 14 * MIN, MIN, 100), 14 * MIN);
            harness.processBothWatermarks(watermark(15 * MIN));

            EventReading reading = snapshots(harness).get(0).events().get(0);
            // as of 15 min: 0.80; as of 15 - 10 = 5 min: 0.45
            assertThat(reading.probability()).isEqualTo(0.80);
            assertThat(reading.probabilityBefore()).isEqualTo(0.45);
            assertThat(reading.change())
                    .isCloseTo(0.35, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aMarketNotObservedForTooLongIsStale() throws Exception {
        JoinSettings settings = new JoinSettings(0, 10 * MIN, 30 * MIN);
        try (var harness = harness(settings)) {
            harness.processElement2(tick("SPY", 0, 0.40), 0);
            harness.processElement1(bar("SPY", 20 * MIN, MIN, 100), 20 * MIN);
            harness.processElement1(bar("SPY", 40 * MIN, MIN, 100), 40 * MIN);
            harness.processBothWatermarks(watermark(41 * MIN));

            assertThat(snapshots(harness)).extracting(s -> s.events().size()).containsExactly(1, 0);
        }
    }

    @Test
    void dailyUsSessionBarsCloseAt1600NewYorkSoTheEveningNewsWaitsForTheNextDay() throws Exception {
        ZoneId ny = ZoneId.of("America/New_York");
        long day1 = ZonedDateTime.of(2024, 3, 19, 9, 30, 0, 0, ny).toInstant().toEpochMilli();
        long day2 = ZonedDateTime.of(2024, 3, 20, 9, 30, 0, 0, ny).toInstant().toEpochMilli();
        long evening = ZonedDateTime.of(2024, 3, 19, 18, 0, 0, 0, ny).toInstant().toEpochMilli();
        try (var harness = harness(new JoinSettings(0, 60 * MIN, Duration.ofDays(30).toMillis()))) {
            harness.processElement2(tick("SPY", day1 + MIN, 0.30), day1 + MIN);
            harness.processElement2(tick("SPY", evening, 0.90), evening);
            harness.processElement1(bar("SPY", day1, 0, 100), day1);
            harness.processElement1(bar("SPY", day2, 0, 101), day2);
            harness.processBothWatermarks(watermark(Long.MAX_VALUE));

            List<MarketSnapshot> out = snapshots(harness);
            assertThat(out).hasSize(2);
            assertThat(out.get(0).bar().lengthMs()).isEqualTo(Duration.ofMinutes(390).toMillis());
            assertThat(out.get(0).events().get(0).probability()).isEqualTo(0.30);
            assertThat(out.get(1).events().get(0).probability()).isEqualTo(0.90);
            assertThat(out).extracting(MarketSnapshot::barIndex).containsExactly(0L, 1L);
        }
    }

    @Test
    void aBarThatDoesNotMoveTimeForwardIsRejectedWithItsReason() throws Exception {
        try (var harness = harness(SETTINGS)) {
            harness.processElement1(bar("SPY", MIN, MIN, 100), MIN);
            harness.processElement1(bar("SPY", MIN, MIN, 100), MIN);
            harness.processElement1(bar("SPY", 0, MIN, 100), 0);
            harness.processBothWatermarks(watermark(Long.MAX_VALUE));

            assertThat(snapshots(harness)).hasSize(1);
            String why = " (out of order in its feed)";
            assertThat(harness.getSideOutput(SymbolJoin.REJECTED))
                    .extracting(r -> r.getValue().reason(), r -> r.getValue().raw())
                    .containsExactly(
                            tuple(
                                    "timestamp 60000 of SPY is not after its previous bar at 60000"
                                            + why,
                                    "60000,SPY,100.0,101.0,99.0,100.0,1000.0"),
                            tuple(
                                    "timestamp 0 of SPY is not after its previous bar at 60000"
                                            + why,
                                    "0,SPY,100.0,101.0,99.0,100.0,1000.0"));
        }
    }

    @Test
    void aShiftReachesTheFirstBarEndingAtOrAfterItsEndAndNoEarlierBar() throws Exception {
        ProbabilityShift surge =
                new ProbabilityShift(
                        "fed_hike",
                        ShiftKind.SURGE,
                        0.41,
                        0.76,
                        30_000,
                        MIN + 1,
                        2,
                        "kalshi",
                        "KXFED-25DEC");
        ProbabilityShift atEnd =
                new ProbabilityShift(
                        "fed_hike",
                        ShiftKind.CROSS_UP,
                        0.60,
                        0.76,
                        MIN,
                        2 * MIN,
                        3,
                        "kalshi",
                        "KXFED-25DEC");
        try (var harness = harness(SETTINGS)) {
            harness.processElement1(bar("SPY", 0, MIN, 100), 0);
            harness.processElement1(bar("SPY", MIN, MIN, 101), MIN);
            harness.processElement1(bar("SPY", 2 * MIN, MIN, 102), 2 * MIN);
            // shifts arrive before the bars are decided, as CEP emits them ahead of the watermark
            harness.processElement2(SymbolEvent.of("SPY", "fed_hike", -1.0, surge), MIN + 1);
            harness.processElement2(SymbolEvent.of("SPY", "fed_hike", -1.0, atEnd), 2 * MIN);
            harness.processBothWatermarks(watermark(3 * MIN));

            List<MarketSnapshot> out = snapshots(harness);
            assertThat(out).hasSize(3);
            // bar 0 ends at MIN: the surge completed 1 ms later, so it is not known yet
            assertThat(out.get(0).shifts()).isEmpty();
            // bar 1 ends at 2 MIN: both completed by then (the cross exactly at the end)
            assertThat(out.get(1).shifts()).containsExactly(surge, atEnd);
            // bar 2 ends at 3 MIN: both are still within the 10-minute shift window
            assertThat(out.get(2).shifts()).containsExactly(surge, atEnd);
        }
    }

    @Test
    void aQuietMarketGivesTheSameSnapshotsWhetherTheNextTickArrivesEarlyOrLate() throws Exception {
        // the root cause of run-to-run differences on real data: a history dropped as stale at
        // one decision lost the observation a later bar reads as "one window ago", but only in
        // runs where the market's next tick had not yet arrived at that decision
        JoinSettings settings = new JoinSettings(0, 10 * MIN, 30 * MIN);
        List<List<MarketSnapshot>> runs = new ArrayList<>();
        for (boolean tickBeforeDecision : new boolean[] {true, false}) {
            try (var harness = harness(settings)) {
                harness.processElement2(tick("SPY", 0, 0.40), 0);
                harness.processElement1(bar("SPY", 40 * MIN, MIN, 100), 40 * MIN);
                harness.processElement1(bar("SPY", 50 * MIN, MIN, 101), 50 * MIN);
                if (tickBeforeDecision) {
                    harness.processElement2(tick("SPY", 45 * MIN, 0.60), 45 * MIN);
                }
                harness.processBothWatermarks(watermark(41 * MIN));
                if (!tickBeforeDecision) {
                    harness.processElement2(tick("SPY", 45 * MIN, 0.60), 45 * MIN);
                }
                harness.processBothWatermarks(watermark(51 * MIN));
                runs.add(snapshots(harness));
            }
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        EventReading second = runs.get(0).get(1).events().get(0);
        assertThat(second.probability()).isEqualTo(0.60);
        // as of 51 - 10 = 41 min the last observation (at 0) is older than the 30-min staleness
        assertThat(second.probabilityBefore()).isNaN();
    }

    @Test
    void probabilityBeforeIsUnknownWhenItsObservationIsStale() throws Exception {
        JoinSettings settings = new JoinSettings(0, 10 * MIN, 30 * MIN);
        try (var harness = harness(settings)) {
            harness.processElement2(tick("SPY", 0, 0.40), 0);
            harness.processElement2(tick("SPY", 25 * MIN, 0.50), 25 * MIN);
            harness.processElement2(tick("SPY", 44 * MIN, 0.70), 44 * MIN);
            harness.processElement1(bar("SPY", 44 * MIN, MIN, 100), 44 * MIN);
            harness.processElement1(bar("SPY", 80 * MIN, MIN, 100), 80 * MIN);
            harness.processBothWatermarks(watermark(81 * MIN));

            List<MarketSnapshot> out = snapshots(harness);
            // bar 1 (end 45): before = as of 35 -> the 25-min tick, 10 min old: known
            assertThat(out.get(0).events().get(0).probabilityBefore()).isEqualTo(0.50);
            // bar 2 (end 81): now = 44-min tick (37 min old: stale) -> no reading at all
            assertThat(out.get(1).events()).isEmpty();
        }
    }

    private static org.apache.flink.streaming.api.watermark.Watermark watermark(long ts) {
        return new org.apache.flink.streaming.api.watermark.Watermark(ts);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<
                    String, PriceBar, SymbolEvent, MarketSnapshot>
            harness(JoinSettings settings) throws Exception {
        var harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new SymbolJoin(settings)),
                        PriceBar::symbol,
                        SymbolEvent::symbol,
                        Types.STRING);
        harness.open();
        return harness;
    }

    private static List<MarketSnapshot> snapshots(
            KeyedTwoInputStreamOperatorTestHarness<String, PriceBar, SymbolEvent, MarketSnapshot>
                    harness) {
        return harness.extractOutputValues();
    }

    static PriceBar bar(String symbol, long start, long length, double close) {
        return new PriceBar(symbol, start, length, close, close + 1, close - 1, close, 1000);
    }

    static SymbolEvent tick(String symbol, long ts, double p) {
        return SymbolEvent.of(
                symbol,
                "fed_hike",
                -1.0,
                new ProbabilityTick("kalshi", "KXFED-X", "fed_hike", ts, p));
    }
}
