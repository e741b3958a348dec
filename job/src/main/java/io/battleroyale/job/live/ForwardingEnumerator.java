package io.battleroyale.job.live;

import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;

import javax.annotation.Nullable;

import java.io.IOException;
import java.util.List;

/** A split enumerator that hands every call to another; wrappers override what they add. */
abstract class ForwardingEnumerator<S extends SourceSplit, E> implements SplitEnumerator<S, E> {
    protected final SplitEnumerator<S, E> inner;

    ForwardingEnumerator(SplitEnumerator<S, E> inner) {
        this.inner = inner;
    }

    @Override
    public void start() {
        inner.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        inner.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        inner.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        inner.addReader(subtaskId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        inner.handleSourceEvent(subtaskId, event);
    }

    @Override
    public E snapshotState(long checkpointId) throws Exception {
        return inner.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        inner.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        inner.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
