package io.battleroyale.sources.venues.source;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hands the configured splits to readers: the split at position i of the sorted configured ids goes
 * to subtask {@code i mod parallelism}, so splits spread evenly and the same config always lands
 * the same way. Splits are pushed when a reader registers; a bounded source then signals that no
 * more splits will come, so readers finish once their history is read.
 */
public final class PollEnumerator implements SplitEnumerator<PollSplit, PollEnumState> {

    private final SplitEnumeratorContext<PollSplit> ctx;
    private final boolean bounded;
    private final List<String> configuredIds;
    private final TreeMap<String, PollSplit> pending = new TreeMap<>();
    private final Set<String> assigned = new TreeSet<>();

    /**
     * @param configured the initial splits of every configured target
     * @param restored the enumerator checkpoint, or {@code null} on a fresh start; targets
     *     configured since that checkpoint are added as new splits
     */
    public PollEnumerator(
            SplitEnumeratorContext<PollSplit> ctx,
            boolean bounded,
            List<PollSplit> configured,
            @Nullable PollEnumState restored) {
        this.ctx = ctx;
        this.bounded = bounded;
        this.configuredIds = configured.stream().map(PollSplit::splitId).sorted().toList();
        if (restored != null) {
            restored.pending().forEach(s -> pending.put(s.splitId(), s));
            assigned.addAll(restored.assigned());
        }
        for (PollSplit split : configured) {
            if (!pending.containsKey(split.splitId()) && !assigned.contains(split.splitId())) {
                pending.put(split.splitId(), split);
            }
        }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        assignTo(subtaskId);
    }

    @Override
    public void addSplitsBack(List<PollSplit> splits, int subtaskId) {
        for (PollSplit split : splits) {
            assigned.remove(split.splitId());
            pending.put(split.splitId(), split);
        }
        // the failed reader re-registers (addReader) and gets them again
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        int parallelism = Math.max(1, ctx.currentParallelism());
        List<PollSplit> mine = new ArrayList<>();
        for (Map.Entry<String, PollSplit> e : pending.entrySet()) {
            if (owner(e.getKey(), parallelism) == subtaskId) {
                mine.add(e.getValue());
            }
        }
        for (PollSplit split : mine) {
            pending.remove(split.splitId());
            assigned.add(split.splitId());
            ctx.assignSplit(split, subtaskId);
        }
        if (bounded) {
            ctx.signalNoMoreSplits(subtaskId);
        }
    }

    /** The subtask that owns a split id. */
    int owner(String splitId, int parallelism) {
        int index = configuredIds.indexOf(splitId);
        return index >= 0 ? index % parallelism : Math.floorMod(splitId.hashCode(), parallelism);
    }

    @Override
    public PollEnumState snapshotState(long checkpointId) {
        return new PollEnumState(new ArrayList<>(pending.values()), assigned);
    }

    @Override
    public void close() {}
}
