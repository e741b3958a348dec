package io.battleroyale.sources.synthetic;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * Monotonous watermarks (the highest timestamp seen, less one millisecond) that are emitted on the
 * record that moves them a step past the last one, besides periodically.
 *
 * <p>Watermark alignment pauses a split only when its watermark is reported past the limit. With
 * periodic watermarks alone that report comes once per interval (200 ms), and a synthetic split
 * generates months of event time in 200 ms: the symbol join then buffers those months in state and
 * crawls (an endless run slowed to a few bars a second after a minute). Emitting on the step bounds
 * the overrun to one step of event time.
 */
final class SteppedWatermarks<T> implements WatermarkGenerator<T> {
    private final long stepMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    SteppedWatermarks(Duration step) {
        this.stepMs = step.toMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = eventTimestamp;
        if (emitted == Long.MIN_VALUE || maxTimestamp - 1 - emitted >= stepMs) {
            emit(output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp != Long.MIN_VALUE && maxTimestamp - 1 > emitted) {
            emit(output);
        }
    }

    private void emit(WatermarkOutput output) {
        emitted = maxTimestamp - 1;
        output.emitWatermark(new Watermark(emitted));
    }
}
