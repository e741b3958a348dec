package io.battleroyale.operators.join;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NeverIdleTest {

    @Test
    void aReaderWaitingForItsSplitIsNeverReportedIdleAndEverythingElsePassesInOrder()
            throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new NeverIdle<String>())) {
            harness.open();
            harness.processWatermarkStatus(WatermarkStatus.IDLE); // no split yet
            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.processElement("a", 10);
            harness.processWatermark(new Watermark(10));
            harness.processElement("b", 20);
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processWatermark(new Watermark(Long.MAX_VALUE)); // finished

            assertThat(List.copyOf(harness.getOutput()))
                    .containsExactly(
                            WatermarkStatus.ACTIVE,
                            new StreamRecord<>("a", 10),
                            new Watermark(10),
                            new StreamRecord<>("b", 20),
                            new Watermark(Long.MAX_VALUE));
        }
    }
}
