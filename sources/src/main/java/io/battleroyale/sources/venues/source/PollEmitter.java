package io.battleroyale.sources.venues.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a record with its event time and advances the split's cursor, which is what the checkpoint
 * stores. A record not newer than the cursor is dropped (a second guard after the split reader). A
 * health transition is emitted as the source's {@link PollOutput} says, at the reader's wall clock,
 * and leaves the cursor alone.
 */
final class PollEmitter<X, T> implements RecordEmitter<Polled<X>, T, PollSplitState> {

    private final EventTime<X> eventTime;
    private final PollOutput<X, T> output;
    private final PollMetrics metrics;

    PollEmitter(EventTime<X> eventTime, PollOutput<X, T> output, PollMetrics metrics) {
        this.eventTime = eventTime;
        this.output = output;
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(Polled<X> polled, SourceOutput<T> out, PollSplitState state) {
        if (polled.status() != null) {
            T status = output.status(polled.status());
            if (status != null) {
                out.collect(status, polled.status().tsEvent());
            }
            return;
        }
        X record = polled.record();
        long ts = eventTime.of(record);
        if (ts > state.cursor) {
            out.collect(output.record(record), ts);
            state.cursor = ts;
            metrics.emitted();
        }
    }
}
