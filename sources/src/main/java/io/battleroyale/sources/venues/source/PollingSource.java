package io.battleroyale.sources.venues.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableSupplier;

import io.battleroyale.sources.venues.http.TimeSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FLIP-27 source that polls a venue for a fixed set of targets (one split each): live when {@link
 * PollSettings#bounded()} is false, history between {@code from} and {@code to} otherwise. Build
 * one with {@code ProbabilitySources} or {@code PriceSources}; use it with {@code
 * env.fromSource(source, watermarks, name)}.
 *
 * @param <R> the target type
 * @param <T> the record type (a record class, so Flink serializes it as a POJO, never with Kryo)
 */
public final class PollingSource<R extends PollTarget, T>
        implements Source<T, PollSplit, PollEnumState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final String feed;
    private final Class<T> recordClass;
    private final List<R> targets;
    private final Poller.Factory<R, T> pollers;
    private final EventTime<T> eventTime;
    private final PollSettings settings;
    private final SerializableSupplier<TimeSource> time;

    /**
     * @param feed venue or feed name for logs and metrics ({@code kalshi}, {@code coinbase}, …)
     * @param targets the configured targets; split ids must be unique
     * @param time the clock of the task managers ({@code () -> TimeSource.SYSTEM} in production)
     */
    public PollingSource(
            String feed,
            Class<T> recordClass,
            List<R> targets,
            Poller.Factory<R, T> pollers,
            EventTime<T> eventTime,
            PollSettings settings,
            SerializableSupplier<TimeSource> time) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(
                    feed + ": a polling source needs at least one target");
        }
        Map<String, R> byId = new LinkedHashMap<>();
        for (R target : targets) {
            if (byId.put(target.splitId(), target) != null) {
                throw new IllegalArgumentException(
                        feed + ": target " + target.splitId() + " is configured twice");
            }
        }
        this.feed = feed;
        this.recordClass = recordClass;
        this.targets = List.copyOf(targets);
        this.pollers = pollers;
        this.eventTime = eventTime;
        this.settings = settings;
        this.time = time;
    }

    public String feed() {
        return feed;
    }

    public List<R> targets() {
        return targets;
    }

    public PollSettings settings() {
        return settings;
    }

    /** The same source with another clock (tests). */
    public PollingSource<R, T> withTime(SerializableSupplier<TimeSource> newTime) {
        return new PollingSource<>(
                feed, recordClass, targets, pollers, eventTime, settings, newTime);
    }

    @Override
    public Boundedness getBoundedness() {
        return settings.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<PollSplit, PollEnumState> createEnumerator(
            SplitEnumeratorContext<PollSplit> ctx) {
        return new PollEnumerator(ctx, settings.bounded(), initialSplits(), null);
    }

    @Override
    public SplitEnumerator<PollSplit, PollEnumState> restoreEnumerator(
            SplitEnumeratorContext<PollSplit> ctx, PollEnumState checkpoint) {
        return new PollEnumerator(ctx, settings.bounded(), initialSplits(), checkpoint);
    }

    /** One split per target, with the cursor just before {@code from} (or none). */
    public List<PollSplit> initialSplits() {
        List<PollSplit> splits = new ArrayList<>();
        for (R target : targets) {
            splits.add(new PollSplit(target.splitId(), settings.initialCursor()));
        }
        return splits;
    }

    @Override
    public SimpleVersionedSerializer<PollSplit> getSplitSerializer() {
        return PollSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<PollEnumState> getEnumeratorCheckpointSerializer() {
        return PollEnumStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<T, PollSplit> createReader(SourceReaderContext context) {
        return createReader(context, time.get());
    }

    /** A reader with an explicit clock (used by tests that drive a reader directly). */
    public PollSourceReader<R, T> createReader(SourceReaderContext context, TimeSource clock) {
        Map<String, R> byId = new LinkedHashMap<>();
        targets.forEach(t -> byId.put(t.splitId(), t));
        return PollSourceReader.create(context, feed, byId, pollers, eventTime, settings, clock);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(recordClass);
    }
}
