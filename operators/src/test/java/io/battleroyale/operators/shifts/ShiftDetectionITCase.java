package io.battleroyale.operators.shifts;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.ShiftKind;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shift pattern on a bounded input in a MiniCluster at parallelism 2: what fires, what does
 * not, window edges, out-of-order arrival and no double firing.
 */
class ShiftDetectionITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster();

    private static final long MIN = 60_000L;
    private static final long T0 = 1_700_000_000_000L;

    /** threshold 0.15 within 60 min, level 0.70 confirmed for 30 min, whipsaw within 120 min. */
    private static final ShiftSettings SETTINGS =
            new ShiftSettings(0.15, 60 * MIN, 0.70, 30 * MIN, 120 * MIN);

    private static ProbabilityTick tick(long minute, double p) {
        return new ProbabilityTick("kalshi", "KXFED-25DEC", "fed_hike", T0 + minute * MIN, p);
    }

    private static ProbabilityTick tick(String market, long minute, double p) {
        return new ProbabilityTick("kalshi", market, "fed_hike", T0 + minute * MIN, p);
    }

    private static List<ProbabilityShift> detect(ShiftSettings settings, List<ProbabilityTick> in)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<ProbabilityTick> ticks =
                env.fromData(in)
                        .uid("ticks")
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ProbabilityTick>forBoundedOutOfOrderness(
                                                Duration.ofDays(1))
                                        .withTimestampAssigner((t, ts) -> t.tsEvent()))
                        .uid("watermarks");
        List<ProbabilityShift> out = new ArrayList<>();
        try (CloseableIterator<ProbabilityShift> it =
                ShiftDetection.detect(ticks, settings, "shifts").executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort(
                Comparator.comparingLong(ProbabilityShift::endTs)
                        .thenComparing(ProbabilityShift::kind)
                        .thenComparing(ProbabilityShift::marketId));
        return out;
    }

    private static List<ProbabilityShift> detect(List<ProbabilityTick> in) throws Exception {
        return detect(SETTINGS, in);
    }

    private static List<ProbabilityShift> ofKind(List<ProbabilityShift> all, ShiftKind kind) {
        return all.stream().filter(s -> s.kind() == kind).toList();
    }

    @Test
    void aSurgeWithinTheWindowFiresOnceOnTheTickThatCompletesIt() throws Exception {
        List<ProbabilityShift> shifts =
                detect(
                        List.of(
                                tick(0, 0.40),
                                tick(10, 0.45),
                                tick(20, 0.50),
                                tick(38, 0.58), // +0.18 from the start: completes the surge
                                tick(45, 0.62), // still higher: the same move, no second shift
                                tick(50, 0.66)));

        assertThat(ofKind(shifts, ShiftKind.SURGE))
                .containsExactly(
                        new ProbabilityShift(
                                "fed_hike",
                                ShiftKind.SURGE,
                                0.40,
                                0.58,
                                T0,
                                T0 + 38 * MIN,
                                2,
                                "kalshi",
                                "KXFED-25DEC"));
        assertThat(ofKind(shifts, ShiftKind.DROP)).isEmpty();
    }

    @Test
    void aDropIsTheMirrorImage() throws Exception {
        List<ProbabilityShift> shifts =
                detect(List.of(tick(0, 0.60), tick(30, 0.50), tick(59, 0.44)));

        assertThat(ofKind(shifts, ShiftKind.DROP))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.from()).isEqualTo(0.60);
                            assertThat(s.to()).isEqualTo(0.44);
                            assertThat(s.endTs()).isEqualTo(T0 + 59 * MIN);
                        });
        assertThat(ofKind(shifts, ShiftKind.SURGE)).isEmpty();
    }

    @Test
    void theWindowIncludesItsEndAndNothingBeyond() throws Exception {
        // exactly 60 minutes apart: inside
        assertThat(ofKind(detect(List.of(tick(0, 0.40), tick(60, 0.55))), ShiftKind.SURGE))
                .hasSize(1);
        // 60 minutes and one millisecond: outside
        ProbabilityTick late =
                new ProbabilityTick("kalshi", "KXFED-25DEC", "fed_hike", T0 + 60 * MIN + 1, 0.55);
        assertThat(ofKind(detect(List.of(tick(0, 0.40), late)), ShiftKind.SURGE)).isEmpty();
        // a slow climb never moves 0.15 within any 60 minutes
        assertThat(
                        ofKind(
                                detect(
                                        List.of(
                                                tick(0, 0.40),
                                                tick(40, 0.48),
                                                tick(80, 0.54),
                                                tick(120, 0.60))),
                                ShiftKind.SURGE))
                .isEmpty();
        // just below the threshold
        assertThat(ofKind(detect(List.of(tick(0, 0.40), tick(30, 0.549))), ShiftKind.SURGE))
                .isEmpty();
    }

    @Test
    void outOfOrderArrivalGivesTheSameShifts() throws Exception {
        List<ProbabilityTick> ordered = new ArrayList<>();
        double[] path = {0.40, 0.45, 0.58, 0.62, 0.74, 0.76, 0.79, 0.60, 0.55, 0.52, 0.71, 0.73};
        for (int i = 0; i < path.length; i++) {
            ordered.add(tick(i * 10L, path[i]));
            ordered.add(tick("KXFED-26JAN", i * 10L, 1 - path[i]));
        }
        List<ProbabilityTick> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(7));

        List<ProbabilityShift> expected = detect(ordered);
        assertThat(expected).extracting(ProbabilityShift::kind).contains(ShiftKind.SURGE);
        assertThat(expected).extracting(ProbabilityShift::marketId).contains("KXFED-26JAN");
        assertThat(detect(shuffled)).isEqualTo(expected);
    }

    @Test
    void twoMarketsOfOneEventAreSeparateSeries() throws Exception {
        // 0.40 on one market and 0.60 on another is no surge
        assertThat(detect(List.of(tick("A", 0, 0.40), tick("B", 10, 0.60)))).isEmpty();
    }

    @Test
    void aCrossIsConfirmedOnlyAfterTheConfirmationPeriod() throws Exception {
        List<ProbabilityShift> shifts =
                detect(
                        List.of(
                                tick(0, 0.66),
                                tick(10, 0.72), // crosses 0.70
                                tick(25, 0.71), // 15 min beyond: not yet confirmed
                                tick(40, 0.73), // 30 min beyond: confirmed here
                                tick(50, 0.75)));

        assertThat(ofKind(shifts, ShiftKind.CROSS_UP))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.from()).isEqualTo(0.66);
                            assertThat(s.to()).isEqualTo(0.73);
                            assertThat(s.startTs()).isEqualTo(T0);
                            assertThat(s.endTs()).isEqualTo(T0 + 40 * MIN);
                        });
        assertThat(ofKind(shifts, ShiftKind.CROSS_DOWN)).isEmpty();
    }

    @Test
    void aCrossThatFallsBackBeforeConfirmationIsNoCross() throws Exception {
        List<ProbabilityShift> shifts =
                detect(
                        List.of(
                                tick(0, 0.66),
                                tick(10, 0.72),
                                tick(20, 0.69), // back below within the confirmation period
                                tick(45, 0.72), // crosses again
                                tick(80, 0.74))); // 35 min after the second cross

        assertThat(ofKind(shifts, ShiftKind.CROSS_UP))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.startTs()).isEqualTo(T0 + 20 * MIN);
                            assertThat(s.endTs()).isEqualTo(T0 + 80 * MIN);
                        });
        // the dip to 0.69 lasted 25 minutes: not a confirmed CROSS_DOWN either
        assertThat(ofKind(shifts, ShiftKind.CROSS_DOWN)).isEmpty();
    }

    @Test
    void aCrossDownIsConfirmedLikeACrossUp() throws Exception {
        List<ProbabilityShift> shifts =
                detect(List.of(tick(0, 0.75), tick(10, 0.65), tick(40, 0.62), tick(50, 0.60)));

        assertThat(ofKind(shifts, ShiftKind.CROSS_DOWN))
                .singleElement()
                .satisfies(s -> assertThat(s.endTs()).isEqualTo(T0 + 40 * MIN));
    }

    @Test
    void aSurgeAndItsReversalIsAWhipsaw() throws Exception {
        List<ProbabilityShift> shifts =
                detect(
                        List.of(
                                tick(0, 0.40),
                                tick(20, 0.58), // surge
                                tick(60, 0.50),
                                tick(100, 0.42), // back 0.16 from 0.58: whipsaw
                                tick(110, 0.40)));

        assertThat(ofKind(shifts, ShiftKind.WHIPSAW))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.from()).isEqualTo(0.40);
                            assertThat(s.to()).isEqualTo(0.42);
                            assertThat(s.endTs()).isEqualTo(T0 + 100 * MIN);
                            assertThat(s.ticks()).isEqualTo(3);
                        });
        assertThat(ofKind(shifts, ShiftKind.SURGE)).hasSize(1);
    }

    @Test
    void aReversalAfterTheWhipsawWindowIsNoWhipsaw() throws Exception {
        List<ProbabilityShift> shifts =
                detect(List.of(tick(0, 0.40), tick(20, 0.58), tick(121, 0.42)));

        assertThat(ofKind(shifts, ShiftKind.WHIPSAW)).isEmpty();
    }
}
