package io.battleroyale.operators.join;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.battleroyale.model.ProbabilityTick;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickFilterTest {

    private static ProbabilityTick tick(String market, long ts, double p) {
        return new ProbabilityTick("polymarket", market, "FOMC-2023-03:hike50", ts, p);
    }

    private static List<ProbabilityTick> run(TickFilter.Mode mode, ProbabilityTick... ticks)
            throws Exception {
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new TickFilter(mode)),
                        TickFilter::market,
                        Types.STRING)) {
            harness.open();
            for (ProbabilityTick t : ticks) {
                harness.processElement(t, t.tsEvent());
            }
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            List<ProbabilityTick> out = harness.extractOutputValues();
            // every pending millisecond was emitted: nothing stays behind in state
            assertThat(harness.numKeyedStateEntries())
                    .isLessThanOrEqualTo(mode.medianOf() > 1 ? 2 : 0);
            return out;
        }
    }

    @Test
    void aSameMillisecondBurstBecomesItsLastPrint() throws Exception {
        List<ProbabilityTick> out =
                run(
                        TickFilter.Mode.LAST,
                        tick("A", 1000, 0.03),
                        tick("A", 2000, 0.19),
                        tick("A", 2000, 0.04),
                        tick("B", 2000, 0.50), // another market at the same millisecond: its own
                        tick("A", 2000, 0.05),
                        tick("A", 3000, 0.06));
        assertThat(out)
                .containsExactly(
                        tick("A", 1000, 0.03),
                        tick("A", 2000, 0.05),
                        tick("B", 2000, 0.50),
                        tick("A", 3000, 0.06));
    }

    @Test
    void theMedianTakesOutALoneOutlier() throws Exception {
        List<ProbabilityTick> out =
                run(
                        TickFilter.Mode.parse("median:3"),
                        tick("A", 1000, 0.50),
                        tick("A", 2000, 0.51),
                        tick("A", 3000, 0.79), // one tiny fill far off the book
                        tick("A", 4000, 0.52),
                        tick("A", 5000, 0.53));
        assertThat(out)
                .extracting(ProbabilityTick::yesProbability)
                .containsExactly(0.50, (0.50 + 0.51) / 2, 0.51, 0.52, 0.53);
    }

    @Test
    void noneLeavesEveryPrint() throws Exception {
        List<ProbabilityTick> out =
                run(TickFilter.Mode.NONE, tick("A", 1000, 0.1), tick("A", 1000, 0.2));
        assertThat(out).hasSize(2);
    }

    @Test
    void badSpellingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TickFilter.Mode.parse("median:4")).hasMessageContaining("odd N");
        assertThatThrownBy(() -> TickFilter.Mode.parse("median:x"))
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> TickFilter.Mode.parse("mean"))
                .hasMessageContaining("none, last or median:N");
    }
}
