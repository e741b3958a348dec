package io.battleroyale.sources.synthetic;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SteppedWatermarksTest {
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    emitted.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
    private final SteppedWatermarks<String> generator =
            new SteppedWatermarks<>(Duration.ofMillis(100));

    @Test
    void emitsOnTheFirstRecordAndOnEveryRecordAStepPastTheLastWatermark() {
        generator.onEvent("a", 1_000, output);
        generator.onEvent("b", 1_050, output);
        generator.onEvent("c", 1_099, output);
        generator.onEvent("d", 1_100, output);
        generator.onEvent("e", 1_150, output);

        assertThat(emitted).containsExactly(999L, 1_099L);
    }

    @Test
    void periodicEmitsCatchUpOnlyWhenEventTimeMoved() {
        generator.onPeriodicEmit(output);
        generator.onEvent("a", 1_000, output);
        generator.onEvent("b", 1_050, output);
        generator.onPeriodicEmit(output);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(999L, 1_049L);
    }

    @Test
    void neverGoesBackForALateRecord() {
        generator.onEvent("a", 1_000, output);
        generator.onEvent("late", 500, output);
        generator.onPeriodicEmit(output);
        generator.onEvent("b", 1_200, output);

        assertThat(emitted).containsExactly(999L, 1_199L);
    }
}
