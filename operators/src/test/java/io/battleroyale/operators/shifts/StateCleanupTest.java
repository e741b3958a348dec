package io.battleroyale.operators.shifts;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.ShiftKind;
import io.battleroyale.operators.join.TickFilter;
import io.battleroyale.operators.testing.KeyedStates;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shift detectors drop what the watermark has passed: their state does not grow with a run. */
class StateCleanupTest {
    private static final long MIN = 60_000L;
    private static final String KEY = "polymarket|m1|FOMC:hike";

    private static ProbabilityTick tick(long ts, double p) {
        return new ProbabilityTick("polymarket", "m1", "FOMC:hike", ts, p);
    }

    @Test
    void theMoveDetectorForgetsDecidedTicksAndKeepsOnlyItsWindow() throws Exception {
        ShiftSettings settings = ShiftSettings.DEFAULTS.withWindow(10 * MIN);
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MoveDetector(settings)),
                        TickFilter::market,
                        Types.STRING)) {
            harness.open();
            for (int i = 0; i < 200; i++) {
                // a saw tooth that surges and drops every 20 minutes
                harness.processElement(tick(i * MIN, 0.2 + 0.03 * (i % 20)), i * MIN);
            }
            assertThat(pending(harness)).hasSize(200);

            harness.processWatermark(new Watermark(200 * MIN));

            assertThat(harness.extractOutputValues()).isNotEmpty();
            assertThat(pending(harness)).isEmpty();
            MoveDetector.MoveWindow window =
                    KeyedStates.value(
                            harness.getOperator(),
                            KEY,
                            new ValueStateDescriptor<>("window", MoveDetector.MoveWindow.class));
            // the ticks of the last 10 minutes, not the 200 of the run
            assertThat(window.size).isEqualTo(11);
        }
    }

    private static java.util.Map<Long, List<ProbabilityTick>> pending(
            KeyedOneInputStreamOperatorTestHarness<String, ProbabilityTick, ProbabilityShift>
                    harness)
            throws Exception {
        return KeyedStates.map(
                harness.getOperator(),
                KEY,
                new MapStateDescriptor<>(
                        "pending",
                        Types.LONG,
                        Types.LIST(TypeInformation.of(ProbabilityTick.class))));
    }

    @Test
    void oncePerMoveHoldsAMatchOnlyUntilTheWatermarkReachesItsEnd() throws Exception {
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new OncePerMove()),
                        OncePerMove::key,
                        Types.STRING)) {
            harness.open();
            for (int i = 1; i <= 50; i++) {
                ProbabilityShift shift =
                        new ProbabilityShift(
                                "FOMC:hike",
                                ShiftKind.SURGE,
                                0.2,
                                0.4,
                                i * MIN - 30_000, // after the last one ended: each is kept
                                i * MIN,
                                2,
                                "polymarket",
                                "m1");
                harness.processElement(shift, i * MIN);
            }
            String key = KEY + "|" + ShiftKind.SURGE;
            ListStateDescriptor<ProbabilityShift> pending =
                    new ListStateDescriptor<>("pending", ProbabilityShift.class);
            assertThat(KeyedStates.list(harness.getOperator(), key, pending)).hasSize(50);

            harness.processWatermark(new Watermark(25 * MIN));
            assertThat(KeyedStates.list(harness.getOperator(), key, pending)).hasSize(25);

            harness.processWatermark(new Watermark(50 * MIN));
            assertThat(KeyedStates.list(harness.getOperator(), key, pending)).isEmpty();
            assertThat(harness.extractOutputValues()).hasSize(50);
        }
    }
}
