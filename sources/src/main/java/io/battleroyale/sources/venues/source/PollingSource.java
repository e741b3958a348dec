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
 * <p>By default it emits the polled records and keeps the venue's health in its readers (logs, the
 * {@code venueUp} gauge). {@link #emitting} makes health data in the stream as well: each reader's
 * transitions (first answer, outage, recovery) are emitted as records beside the polled ones, so an
 * operator in another task manager can decide on them.
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
    private final Polling<R, ?, T> polling;
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
        this(
                feed,
                recordClass,
                targets,
                new Polling<>(pollers, eventTime, PollOutput.records()),
                settings,
                time);
    }

    private PollingSource(
            String feed,
            Class<T> recordClass,
            List<R> targets,
            Polling<R, ?, T> polling,
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
        this.polling = polling;
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
        return new PollingSource<>(feed, recordClass, targets, polling, settings, newTime);
    }

    /**
     * The same polls, emitted through {@code output}: each record as {@link PollOutput#record},
     * each health transition of a reader as {@link PollOutput#status} (with the reader's wall clock
     * as its event time, so use it where the watermark does not depend on it).
     */
    public <U> PollingSource<R, U> emitting(Class<U> type, PollOutput<T, U> output) {
        return new PollingSource<>(feed, type, targets, polling.then(output), settings, time);
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
    public PollSourceReader<R, ?, T> createReader(SourceReaderContext context, TimeSource clock) {
        Map<String, R> byId = new LinkedHashMap<>();
        targets.forEach(t -> byId.put(t.splitId(), t));
        return polling.reader(context, feed, byId, settings, clock);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(recordClass);
    }

    /** The pollers, their records' event time and what is emitted for them. */
    private record Polling<R extends PollTarget, X, T>(
            Poller.Factory<R, X> pollers, EventTime<X> eventTime, PollOutput<X, T> output)
            implements java.io.Serializable {

        <U> Polling<R, X, U> then(PollOutput<T, U> next) {
            return new Polling<>(pollers, eventTime, new Then<>(output, next));
        }

        PollSourceReader<R, X, T> reader(
                SourceReaderContext context,
                String feed,
                Map<String, R> targets,
                PollSettings settings,
                TimeSource clock) {
            return PollSourceReader.create(
                    context, feed, targets, pollers, eventTime, output, settings, clock);
        }
    }

    /** {@code first}'s records through {@code next}; statuses as {@code next} emits them. */
    private record Then<X, T, U>(PollOutput<X, T> first, PollOutput<T, U> next)
            implements PollOutput<X, U> {

        @Override
        public U record(X record) {
            return next.record(first.record(record));
        }

        @Override
        @javax.annotation.Nullable
        public U status(io.battleroyale.model.VenueStatus status) {
            return next.status(status);
        }
    }
}
