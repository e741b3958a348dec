package io.battleroyale.operators.leaderboard;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.SleeveMark;
import io.battleroyale.operators.testing.KeyedStates;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardTest {
    private static final long DAY = 86_400_000L;

    private static SleeveMark mark(String symbol, long ts, double equity) {
        return new SleeveMark("trend", symbol, ts, equity, 10_000, 0, 0, 0, 0, false);
    }

    @Test
    void aPeriodsMarksAreSummedOnceAndThenDropped() throws Exception {
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new Leaderboard()),
                        SleeveMark::agent,
                        Types.STRING)) {
            harness.open();
            for (int d = 1; d <= 30; d++) {
                harness.processElement(mark("SPY", d * DAY, 10_000 + d), d * DAY);
                harness.processElement(mark("QQQ", d * DAY, 10_000 - d), d * DAY);
            }
            assertThat(waiting(harness)).hasSize(30);

            harness.processWatermark(new Watermark(30 * DAY));

            List<LeaderboardRow> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(30);
            // both sleeves' marks of each day were summed: the two drifts cancel
            assertThat(rows).allSatisfy(r -> assertThat(r.equity()).isEqualTo(20_000.0));
            assertThat(waiting(harness)).isEmpty();
        }
    }

    private static Map<Long, List<SleeveMark>> waiting(
            KeyedOneInputStreamOperatorTestHarness<String, SleeveMark, LeaderboardRow> harness)
            throws Exception {
        return KeyedStates.map(
                harness.getOperator(),
                "trend",
                new MapStateDescriptor<>(
                        "waiting-marks",
                        Types.LONG,
                        Types.LIST(TypeInformation.of(SleeveMark.class))));
    }
}
