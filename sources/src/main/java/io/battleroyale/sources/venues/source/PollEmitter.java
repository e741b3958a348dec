package io.battleroyale.sources.venues.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a record with its event time and advances the split's cursor, which is what the checkpoint
 * stores. A record not newer than the cursor is dropped (a second guard after the split reader).
 */
final class PollEmitter<T> implements RecordEmitter<T, T, PollSplitState> {

    private final EventTime<T> eventTime;
    private final PollMetrics metrics;

    PollEmitter(EventTime<T> eventTime, PollMetrics metrics) {
        this.eventTime = eventTime;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(T record, SourceOutput<T> output, PollSplitState state) {
        long ts = eventTime.of(record);
        if (ts > state.cursor) {
            output.collect(record, ts);
            state.cursor = ts;
            metrics.emitted();
        }
    }
}
