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

import javax.annotation.Nullable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a live (unbounded) source so that its readers end, cleanly and with a final watermark, at a
 * wall-clock time after it started ({@code battle record --duration}) or when the run's clock has
 * ended (a bounded {@code battle run --use-events} whose synthetic market is over: {@link
 * ClockEnd}). Until then every call goes to the wrapped source unchanged, including checkpointed
 * split state.
 *
 * <p>The end of the clock reaches this source's enumerator on the JobManager, which tells each of
 * its readers with a {@link Stop} event, wherever they run; nothing is shared through a JVM.
 *
 * <p>A reader ends only after the enumerator has answered its registration: a split assigned to a
 * reader that already finished fails the job (Flink does not drop such an event), and a bounded run
 * can end its clock before the live readers have even registered. The wrapped enumerator must
 * therefore assign a reader's splits within {@code addReader}, as {@code PollEnumerator} does; the
 * wrapper then sends {@link Registered} (and {@link Stop}, once the clock has ended) after them, in
 * the same ordered event channel.
 */
public final class UntilSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> inner;
    private final TypeInformation<T> type;
    @Nullable private final Long runForMillis;
    @Nullable private final String clock;

    private UntilSource(
            Source<T, S, E> inner,
            TypeInformation<T> type,
            @Nullable Long runForMillis,
            @Nullable String clock) {
        this.inner = inner;
        this.type = type;
        this.runForMillis = runForMillis;
        this.clock = clock;
    }

    /** Each reader ends {@code runFor} (wall clock) after it was created. */
    public static <T, S extends SourceSplit, E> UntilSource<T, S, E> runFor(
            Source<T, S, E> inner, TypeInformation<T> type, java.time.Duration runFor) {
        return new UntilSource<>(inner, type, runFor.toMillis(), null);
    }

    /**
     * Each reader ends once every reader of the job's clock {@code clock} ({@link ClockEnd}) has.
     */
    public static <T, S extends SourceSplit, E> UntilSource<T, S, E> endingWith(
            Source<T, S, E> inner, TypeInformation<T> type, String clock) {
        return new UntilSource<>(inner, type, null, clock);
    }

    @Override
    public Boundedness getBoundedness() {
        return inner.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return new Enumerator<>(inner.createEnumerator(context), context, clockEnded(context));
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return new Enumerator<>(
                inner.restoreEnumerator(context, checkpoint), context, clockEnded(context));
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
        return new Reader<>(inner.createReader(context), stop());
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Nullable
    private CompletableFuture<Void> clockEnded(SplitEnumeratorContext<S> context) {
        return clock == null ? null : ClockEnd.ended(context, clock);
    }

    /** When this reader ends: on {@link Stop} from the enumerator, or after {@code runFor}. */
    private CompletableFuture<Void> stop() {
        if (clock != null) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(runForMillis, TimeUnit.MILLISECONDS));
    }

    /** Told to a reader once the enumerator has handled its registration. */
    record Registered() implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    /** Told to a reader, after {@link Registered}, once the run's clock has ended. */
    record Stop() implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    static final class Enumerator<S extends SourceSplit, E> extends ForwardingEnumerator<S, E> {
        private final SplitEnumeratorContext<S> context;
        @Nullable private final CompletableFuture<Void> clockEnded;
        private boolean stopped;

        /**
         * @param clockEnded completed when the clock has ended; {@code null}: no clock
         */
        Enumerator(
                SplitEnumerator<S, E> inner,
                SplitEnumeratorContext<S> context,
                @Nullable CompletableFuture<Void> clockEnded) {
            super(inner);
            this.context = context;
            this.clockEnded = clockEnded;
        }

        @Override
        public void start() {
            inner.start();
            if (clockEnded != null) {
                clockEnded.thenRun(() -> context.runInCoordinatorThread(this::stopReaders));
            }
        }

        /** In the coordinator thread, so no reader registers in between. */
        private void stopReaders() {
            stopped = true;
            for (int subtask : context.registeredReaders().keySet()) {
                context.sendEventToSourceReader(subtask, new Stop());
            }
        }

        @Override
        public void addReader(int subtaskId) {
            inner.addReader(subtaskId);
            context.sendEventToSourceReader(subtaskId, new Registered());
            if (stopped) {
                context.sendEventToSourceReader(subtaskId, new Stop());
            }
        }
    }

    private static final class Reader<T, S extends SourceSplit> extends ForwardingReader<T, S> {
        private final CompletableFuture<Void> stop;
        private final CompletableFuture<Void> registered = new CompletableFuture<>();

        Reader(SourceReader<T, S> inner, CompletableFuture<Void> stop) {
            super(inner);
            this.stop = stop;
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (ended()) {
                return InputStatus.END_OF_INPUT;
            }
            return inner.pollNext(output);
        }

        private boolean ended() {
            return stop.isDone() && registered.isDone();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (ended()) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.anyOf(
                            inner.isAvailable(), stop.thenCombine(registered, (a, b) -> a))
                    .thenApply(x -> null);
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            if (event instanceof Registered) {
                registered.complete(null);
            } else if (event instanceof Stop) {
                stop.complete(null);
            } else {
                inner.handleSourceEvents(event);
            }
        }
    }
}
