package io.battleroyale.sources.synthetic;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Emits the records of its splits merged by event time, each through its own split output so
 * watermarks are per split. All calls come from the task's mailbox thread.
 */
final class SyntheticReader<T> implements SourceReader<T, SyntheticSplit> {

    private final SourceReaderContext context;
    private final SyntheticWorld world;
    private final BiFunction<SyntheticWorld, String, SyntheticCursor<T>> cursors;
    private final List<Active<T>> active = new ArrayList<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean noMoreSplits;
    private boolean requested;

    SyntheticReader(
            SourceReaderContext context,
            SyntheticWorld world,
            BiFunction<SyntheticWorld, String, SyntheticCursor<T>> cursors) {
        this.context = context;
        this.world = world;
        this.cursors = cursors;
    }

    @Override
    public void start() {
        if (!requested) {
            requested = true;
            context.sendSplitRequest();
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
        Active<T> earliest = null;
        for (Iterator<Active<T>> it = active.iterator(); it.hasNext(); ) {
            Active<T> split = it.next();
            if (!split.cursor.hasNext()) {
                output.releaseOutputForSplit(split.name);
                it.remove();
            } else if (earliest == null
                    || split.cursor.peekTimestamp() < earliest.cursor.peekTimestamp()) {
                earliest = split;
            }
        }
        if (earliest == null) {
            if (noMoreSplits && active.isEmpty()) {
                return InputStatus.END_OF_INPUT;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        long ts = earliest.cursor.peekTimestamp();
        earliest.output(output).collect(earliest.cursor.next(), ts);
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<SyntheticSplit> snapshotState(long checkpointId) {
        List<SyntheticSplit> out = new ArrayList<>(active.size());
        for (Active<T> split : active) {
            out.add(new SyntheticSplit(split.name, split.cursor.position()));
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<SyntheticSplit> splits) {
        for (SyntheticSplit split : splits) {
            SyntheticCursor<T> cursor =
                    cursors.apply(world, split.name()).fastForward(split.position());
            active.add(new Active<>(split.name(), cursor));
        }
        available.complete(null);
    }

    /**
     * Not supported, on purpose: a reader's splits are already aligned, merged by event time, and
     * alignment holds the reader as a whole ({@code
     * pipeline.watermark-alignment.allow-unaligned-source-splits: true} in config.yaml). Flink
     * treats a paused split as idle, and a reader whose splits are all paused reports no watermark
     * at all; when every reader of the group had run past its limit within one update interval, the
     * group's limit became unbounded and a source ran months ahead (seen: 2,905 h).
     */
    @Override
    public void pauseOrResumeSplits(
            Collection<String> splitsToPause, Collection<String> splitsToResume) {
        throw new UnsupportedOperationException(
                "synthetic splits are merged by event time and aligned per reader");
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {}

    private static final class Active<T> {
        final String name;
        final SyntheticCursor<T> cursor;
        SourceOutput<T> output;

        Active(String name, SyntheticCursor<T> cursor) {
            this.name = name;
            this.cursor = cursor;
        }

        SourceOutput<T> output(ReaderOutput<T> readerOutput) {
            if (output == null) {
                output = readerOutput.createOutputForSplit(name);
            }
            return output;
        }
    }
}
