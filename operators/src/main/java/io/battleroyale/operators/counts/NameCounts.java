package io.battleroyale.operators.counts;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.RuntimeContext;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.TreeMap;

/**
 * A Flink accumulator counting occurrences per name (symbol, event group, agent), merged over every
 * subtask into one sorted map: what the run saw, read from the job's result once it ends.
 *
 * <p>Synchronized: the task thread adds while the TaskManager serializes a snapshot for progress
 * reports from another thread.
 */
public final class NameCounts implements Accumulator<String, TreeMap<String, Long>> {
    private static final long serialVersionUID = 1L;

    private TreeMap<String, Long> counts = new TreeMap<>();

    /** The task's accumulator of this name, registered on first use. */
    public static NameCounts of(RuntimeContext context, String name) {
        Accumulator<?, ?> existing = context.getAccumulator(name);
        if (existing != null) {
            return (NameCounts) existing;
        }
        NameCounts counts = new NameCounts();
        context.addAccumulator(name, counts);
        return counts;
    }

    @Override
    public synchronized void add(String name) {
        counts.merge(name, 1L, Long::sum);
    }

    @Override
    public synchronized TreeMap<String, Long> getLocalValue() {
        return new TreeMap<>(counts);
    }

    @Override
    public synchronized void resetLocal() {
        counts.clear();
    }

    @Override
    public synchronized void merge(Accumulator<String, TreeMap<String, Long>> other) {
        other.getLocalValue().forEach((name, n) -> counts.merge(name, n, Long::sum));
    }

    @Override
    public synchronized NameCounts clone() {
        NameCounts copy = new NameCounts();
        copy.counts = new TreeMap<>(counts);
        return copy;
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }
}
