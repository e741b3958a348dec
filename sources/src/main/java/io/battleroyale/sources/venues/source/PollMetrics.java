package io.battleroyale.sources.venues.source;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

import io.battleroyale.sources.venues.SkipReason;

import java.util.EnumMap;
import java.util.Map;

/**
 * The metrics of one polling reader, under the group {@code feed.<name>}: gauge {@code venueUp},
 * counters {@code emitted}, {@code polls}, {@code pollFailures}, {@code splitsAbandoned} and one
 * counter per {@link SkipReason} in the subgroup {@code rejected} (e.g. {@code rejected.no_quote}).
 */
public final class PollMetrics {

    private final Map<SkipReason, Counter> rejected = new EnumMap<>(SkipReason.class);
    private final Counter emitted;
    private final Counter polls;
    private final Counter pollFailures;
    private final Counter splitsAbandoned;

    public PollMetrics(MetricGroup readerGroup, String feed, FeedHealth health) {
        MetricGroup group = readerGroup.addGroup("feed", feed);
        group.gauge("venueUp", health::upGauge);
        emitted = group.counter("emitted", new ThreadSafeSimpleCounter());
        polls = group.counter("polls", new ThreadSafeSimpleCounter());
        pollFailures = group.counter("pollFailures", new ThreadSafeSimpleCounter());
        splitsAbandoned = group.counter("splitsAbandoned", new ThreadSafeSimpleCounter());
        MetricGroup rejectedGroup = group.addGroup("rejected");
        for (SkipReason reason : SkipReason.values()) {
            rejected.put(
                    reason,
                    rejectedGroup.counter(reason.metricName(), new ThreadSafeSimpleCounter()));
        }
    }

    void reject(SkipReason reason) {
        rejected.get(reason).inc();
    }

    void emitted() {
        emitted.inc();
    }

    void polled() {
        polls.inc();
    }

    void pollFailed() {
        pollFailures.inc();
    }

    void abandoned() {
        splitsAbandoned.inc();
    }

    public long rejected(SkipReason reason) {
        return rejected.get(reason).getCount();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Counter::getCount).sum();
    }

    public long emittedCount() {
        return emitted.getCount();
    }

    public long pollCount() {
        return polls.getCount();
    }

    public long pollFailureCount() {
        return pollFailures.getCount();
    }

    public long abandonedCount() {
        return splitsAbandoned.getCount();
    }
}
