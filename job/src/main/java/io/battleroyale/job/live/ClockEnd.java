package io.battleroyale.job.live;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.runtime.operators.coordination.CoordinatorStore;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.source.coordinator.SourceCoordinatorContext;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The end of a bounded source that is a run's clock (the synthetic model of a bounded {@code run
 * --use-events}), told to the live sources that must end with it ({@link UntilSource#endingWith}).
 *
 * <p>Each reader of the clock tells its enumerator when it reached its end of input; once all of
 * them have, the enumerator completes the clock's entry in the job's coordinator store. That store
 * belongs to the job and lives on the JobManager beside every source's enumerator, so a live
 * source's enumerator sees the end whichever TaskManagers the readers run in, and tells its own
 * readers to end (Flink's source events). It is the store Flink's watermark alignment uses between
 * sources; Flink gives it to operator coordinators but not to enumerators, so {@link #store} reads
 * it from {@link SourceCoordinatorContext}, Flink's implementation of the enumerator context.
 *
 * <p>Limit: a clock whose readers had all finished before the checkpoint a run is restored from
 * does not read again, so it cannot announce its end; such a restored run polls until stopped.
 */
public final class ClockEnd<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private static final String KEY_PREFIX = "battle-royale.clock-end.";

    private final Source<T, S, E> inner;
    private final TypeInformation<T> type;
    private final String name;

    private ClockEnd(Source<T, S, E> inner, TypeInformation<T> type, String name) {
        this.inner = inner;
        this.type = type;
        this.name = name;
    }

    /**
     * {@code inner} (bounded) as the clock {@code name}: unchanged, but its end is told to the
     * sources wrapped with {@link UntilSource#endingWith} under the same name.
     */
    public static <T, S extends SourceSplit, E> ClockEnd<T, S, E> of(
            Source<T, S, E> inner, TypeInformation<T> type, String name) {
        if (inner.getBoundedness() != Boundedness.BOUNDED) {
            throw new IllegalArgumentException("clock " + name + " must be a bounded source");
        }
        return new ClockEnd<>(inner, type, name);
    }

    /** Completed once every reader of the clock {@code name} of this job has ended. */
    @SuppressWarnings("unchecked")
    static CompletableFuture<Void> ended(SplitEnumeratorContext<?> context, String name) {
        return (CompletableFuture<Void>)
                store(context)
                        .compute(
                                KEY_PREFIX + name,
                                (key, existing) ->
                                        existing != null
                                                ? existing
                                                : new CompletableFuture<Void>());
    }

    /**
     * The job's coordinator store behind an enumerator context. Flink hands it to every operator
     * coordinator but keeps the source coordinator's accessor package-private; it is read here by
     * reflection, in one place, and a Flink without it fails the job at its start with this reason
     * rather than running a bounded run forever.
     */
    private static CoordinatorStore store(SplitEnumeratorContext<?> context) {
        if (context instanceof SourceCoordinatorContext<?>) {
            try {
                Method accessor =
                        SourceCoordinatorContext.class.getDeclaredMethod("getCoordinatorContext");
                accessor.setAccessible(true);
                return ((OperatorCoordinator.Context) accessor.invoke(context))
                        .getCoordinatorStore();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException(
                        "cannot reach the job's coordinator store, through which a bounded live"
                                + " run learns that its clock has ended: "
                                + e,
                        e);
            }
        }
        throw new IllegalStateException(
                "the end of a clock is shared through the job's coordinator store, which this"
                        + " enumerator context ("
                        + context.getClass().getName()
                        + ") does not offer");
    }

    @Override
    public Boundedness getBoundedness() {
        return inner.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return new Enumerator<>(inner.createEnumerator(context), context, name);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return new Enumerator<>(inner.restoreEnumerator(context, checkpoint), context, name);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return inner.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return inner.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(inner.createReader(context), context);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    /** Sent by a clock reader to its enumerator when it reached its end of input. */
    record Ended() implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    private static final class Enumerator<S extends SourceSplit, E>
            extends ForwardingEnumerator<S, E> {
        private final SplitEnumeratorContext<S> context;
        private final String name;
        private final Set<Integer> ended = new HashSet<>();

        Enumerator(SplitEnumerator<S, E> inner, SplitEnumeratorContext<S> context, String name) {
            super(inner);
            this.context = context;
            this.name = name;
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent event) {
            if (!(event instanceof Ended)) {
                inner.handleSourceEvent(subtaskId, event);
                return;
            }
            // a reader restarted after its end says so again: count subtasks, not events
            ended.add(subtaskId);
            if (ended.size() >= context.currentParallelism()) {
                ended(context, name).complete(null);
            }
        }
    }

    private static final class Reader<T, S extends SourceSplit> extends ForwardingReader<T, S> {
        private final SourceReaderContext context;
        private boolean told;

        Reader(SourceReader<T, S> inner, SourceReaderContext context) {
            super(inner);
            this.context = context;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            InputStatus status = inner.pollNext(output);
            if (status == InputStatus.END_OF_INPUT && !told) {
                told = true;
                context.sendSourceEventToCoordinator(new Ended());
            }
            return status;
        }
    }
}
