package io.battleroyale.sources.venues.source;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

import io.battleroyale.sources.venues.http.TimeSource;

import java.util.Map;

/**
 * The reader of a {@link PollingSource}: one fetch thread polling all of this subtask's splits,
 * with the cursor of each split in its checkpointed state. Its health transitions are emitted
 * through the source's {@link PollOutput}, tagged with this reader's subtask index.
 *
 * @param <X> the polled record
 * @param <T> the emitted record
 */
public final class PollSourceReader<R extends PollTarget, X, T>
        extends SingleThreadMultiplexSourceReaderBase<Polled<X>, T, PollSplit, PollSplitState> {

    private final FeedHealth health;
    private final PollMetrics metrics;

    private PollSourceReader(
            PollSplitReaderSupplier<R, X> supplier,
            PollEmitter<X, T> emitter,
            Configuration config,
            SourceReaderContext context,
            FeedHealth health,
            PollMetrics metrics) {
        super(supplier, emitter, config, context);
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * A reader for {@code context}, using {@code time} for polling and the HTTP client (tests pass
     * a fake clock).
     */
    public static <R extends PollTarget, X, T> PollSourceReader<R, X, T> create(
            SourceReaderContext context,
            String feed,
            Map<String, R> targets,
            Poller.Factory<R, X> pollers,
            EventTime<X> eventTime,
            PollOutput<X, T> output,
            PollSettings settings,
            TimeSource time) {
        FeedHealth health = new FeedHealth(feed, time);
        PollMetrics metrics = new PollMetrics(context.metricGroup(), feed, health);
        PollSplitReaderSupplier<R, X> supplier =
                () ->
                        new PollSplitReader<>(
                                feed,
                                context.getIndexOfSubtask(),
                                targets,
                                pollers.create(time),
                                eventTime,
                                settings,
                                time,
                                health,
                                metrics);
        return new PollSourceReader<>(
                supplier,
                new PollEmitter<>(eventTime, output, metrics),
                context.getConfiguration(),
                context,
                health,
                metrics);
    }

    @Override
    protected void onSplitFinished(Map<String, PollSplitState> finishedSplitIds) {}

    @Override
    protected PollSplitState initializedState(PollSplit split) {
        return new PollSplitState(split);
    }

    @Override
    protected PollSplit toSplitType(String splitId, PollSplitState state) {
        return state.toSplit();
    }

    /** This reader's view of the feed's health (the {@code venueUp} gauge). */
    public FeedHealth health() {
        return health;
    }

    public PollMetrics metrics() {
        return metrics;
    }

    @FunctionalInterface
    interface PollSplitReaderSupplier<R extends PollTarget, X>
            extends java.util.function.Supplier<
                    org.apache.flink.connector.base.source.reader.splitreader.SplitReader<
                            Polled<X>, PollSplit>> {}
}
