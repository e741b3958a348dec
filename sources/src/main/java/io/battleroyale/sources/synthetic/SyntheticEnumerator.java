package io.battleroyale.sources.synthetic;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands each reader, when it asks, the pending splits whose position in the configured list modulo
 * the parallelism is its subtask index, then tells it no more will come. Splits a failed reader had
 * not checkpointed come back to the pending list and go to the restarted reader.
 */
final class SyntheticEnumerator implements SplitEnumerator<SyntheticSplit, List<SyntheticSplit>> {

    private final SplitEnumeratorContext<SyntheticSplit> context;
    private final List<String> order;
    private final List<SyntheticSplit> pending;

    SyntheticEnumerator(
            SplitEnumeratorContext<SyntheticSplit> context,
            List<String> order,
            List<SyntheticSplit> pending) {
        this.context = context;
        this.order = order;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, @Nullable String requesterHostname) {
        int parallelism = context.currentParallelism();
        List<SyntheticSplit> mine = new ArrayList<>();
        pending.removeIf(
                split -> {
                    boolean ours =
                            Math.floorMod(order.indexOf(split.name()), parallelism) == subtask;
                    if (ours) {
                        mine.add(split);
                    }
                    return ours;
                });
        mine.forEach(split -> context.assignSplit(split, subtask));
        context.signalNoMoreSplits(subtask);
    }

    @Override
    public void addSplitsBack(List<SyntheticSplit> splits, int subtask) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtask) {
        // readers ask for their splits on start
    }

    @Override
    public List<SyntheticSplit> snapshotState(long checkpointId) {
        return List.copyOf(pending);
    }

    @Override
    public void close() {}
}
