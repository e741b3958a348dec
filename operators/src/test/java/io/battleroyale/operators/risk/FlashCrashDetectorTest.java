package io.battleroyale.operators.risk;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.TradingPause;
import io.battleroyale.operators.testing.KeyedStates;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlashCrashDetectorTest {
    private static final long MIN = 60_000L;

    private static PriceBar bar(long ts, double close) {
        return new PriceBar("SPY", ts, MIN, close, close, close, close, 100);
    }

    @Test
    void decidedBarsLeaveTheWatchAndOnlyTheWindowsPeaksStay() throws Exception {
        var settings = new FlashCrashDetector.Settings(0.05, 5 * MIN, 30 * MIN);
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FlashCrashDetector.Detector(settings)),
                        PriceBar::symbol,
                        Types.STRING)) {
            harness.open();
            for (int i = 0; i < 300; i++) {
                // a gentle climb with one 10% fall at bar 150
                harness.processElement(bar(i * MIN, i == 150 ? 90 : 100 + 0.01 * i), i * MIN);
            }
            assertThat(waiting(harness)).hasSize(300);

            harness.processWatermark(new Watermark(300 * MIN));

            List<TradingPause> pauses = harness.extractOutputValues();
            assertThat(pauses).hasSize(1);
            assertThat(waiting(harness)).isEmpty();
            // the peaks of the last 5 minutes (bars 294..299), not the 300 of the run
            assertThat(watch(harness).size).isEqualTo(6);
        }
    }

    private static Map<Long, List<PriceBar>> waiting(
            KeyedOneInputStreamOperatorTestHarness<String, PriceBar, TradingPause> harness)
            throws Exception {
        return KeyedStates.map(
                harness.getOperator(),
                "SPY",
                new MapStateDescriptor<>(
                        "waiting", Types.LONG, Types.LIST(TypeInformation.of(PriceBar.class))));
    }

    private static FlashCrashDetector.Watch watch(
            KeyedOneInputStreamOperatorTestHarness<String, PriceBar, TradingPause> harness)
            throws Exception {
        return KeyedStates.value(
                harness.getOperator(),
                "SPY",
                new ValueStateDescriptor<>("watch", FlashCrashDetector.Watch.class));
    }
}
