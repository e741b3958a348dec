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

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a live (unbounded) source so that its readers end, cleanly and with a final watermark, at a
 * wall-clock time after it started ({@code battle record --duration}) or when a {@link StopSignals}
 * signal is raised (a bounded {@code battle run --use-events} whose synthetic market is over).
 * Until then every call goes to the wrapped source unchanged, including checkpointed split state.
 */
public final class UntilSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final Source<T, S, E> inner;
    private final TypeInformation<T> type;
    @Nullable private final Long runForMillis;
    @Nullable private final String signal;

    private UntilSource(
            Source<T, S, E> inner,
            TypeInformation<T> type,
            @Nullable Long runForMillis,
            @Nullable String signal) {
        this.inner = inner;
        this.type = type;
        this.runForMillis = runForMillis;
        this.signal = signal;
    }

    /** Each reader ends {@code runFor} (wall clock) after it was created. */
    public static <T, S extends SourceSplit, E> UntilSource<T, S, E> runFor(
            Source<T, S, E> inner, TypeInformation<T> type, java.time.Duration runFor) {
        return new UntilSource<>(inner, type, runFor.toMillis(), null);
    }

    /** Ends when the JVM-local signal {@code name} is raised. */
    public static <T, S extends SourceSplit, E> UntilSource<T, S, E> signal(
            Source<T, S, E> inner, TypeInformation<T> type, String name) {
        return new UntilSource<>(inner, type, null, name);
    }

    @Override
    public Boundedness getBoundedness() {
        return inner.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return inner.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return inner.restoreEnumerator(context, checkpoint);
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

    private CompletableFuture<Void> stop() {
        if (signal != null) {
            return StopSignals.of(signal);
        }
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(runForMillis, TimeUnit.MILLISECONDS));
    }

    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private final SourceReader<T, S> inner;
        private final CompletableFuture<Void> stop;

        Reader(SourceReader<T, S> inner, CompletableFuture<Void> stop) {
            this.inner = inner;
            this.stop = stop;
        }

        @Override
        public void start() {
            inner.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (stop.isDone()) {
                return InputStatus.END_OF_INPUT;
            }
            return inner.pollNext(output);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            if (stop.isDone()) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.anyOf(inner.isAvailable(), stop).thenApply(x -> null);
        }

        @Override
        public void addSplits(List<S> splits) {
            inner.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            inner.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            inner.handleSourceEvents(event);
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return inner.snapshotState(checkpointId);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            inner.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void close() throws Exception {
            inner.close();
        }
    }
}
