package io.battleroyale.operators.join;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes a replayed input on unchanged, except that it never reports itself idle.
 *
 * <p>A replay reader (a file, a Kafka partition read to its end, the synthetic market) is idle only
 * while it waits for its split. Every operator that merges channels, the keyed tick filter, the
 * shift detectors, the flash-crash detector and the join, leaves an idle channel out of its
 * watermark: the others' watermark would run ahead, and what the late reader then sends would be
 * dropped by a shift pattern or reach the join after its bar was decided. Placed beside each
 * reader, this keeps every merge waiting for it instead. A replay cannot be idle for good: a
 * finished reader sends the final watermark.
 */
public final class NeverIdle<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isActive()) {
            super.processWatermarkStatus(status);
        }
    }
}
