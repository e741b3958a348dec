package io.battleroyale.job.live;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.venues.source.PollEnumState;
import io.battleroyale.sources.venues.source.PollSettings;
import io.battleroyale.sources.venues.source.PollSplit;
import io.battleroyale.sources.venues.source.ProbabilitySources;
import io.battleroyale.sources.venues.source.VenueMarketRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The handshake that keeps a stopped live reader alive until its splits have reached it. */
class UntilSourceTest {
    private static final String CLOCK = "until-source-test";

    @Test
    void aStoppedReaderEndsOnlyOnceTheEnumeratorAnsweredItsRegistration() throws Exception {
        UntilSource<String, PollSplit, PollEnumState> source =
                UntilSource.endingWith(new Silent(), TypeInformation.of(String.class), CLOCK);
        SourceReader<String, PollSplit> reader = source.createReader(null);
        reader.handleSourceEvents(new UntilSource.Stop());

        assertThat(reader.pollNext(null)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.isAvailable()).isNotDone();

        reader.handleSourceEvents(new UntilSource.Registered());

        assertThat(reader.isAvailable()).isDone();
        assertThat(reader.pollNext(null)).isEqualTo(InputStatus.END_OF_INPUT);
    }

    @Test
    void theEnumeratorAnswersARegistrationAfterTheReadersSplits() throws Exception {
        var live =
                ProbabilitySources.kalshi(
                        "http://127.0.0.1:1/trade-api/v2",
                        List.of(
                                VenueMarketRef.kalshi("KXA-26", "A:yes"),
                                VenueMarketRef.kalshi("KXB-26", "B:yes")),
                        PollSettings.live(Duration.ofSeconds(1)));
        Recording context = new Recording();
        SplitEnumerator<PollSplit, PollEnumState> enumerator =
                UntilSource.runFor(
                                live,
                                TypeInformation.of(ProbabilityTick.class),
                                Duration.ofHours(1))
                        .createEnumerator(context);

        enumerator.addReader(1);
        enumerator.addReader(0);

        assertThat(context.sent)
                .containsExactly(
                        "1 split kalshi:KXB-26",
                        "1 registered",
                        "0 split kalshi:KXA-26",
                        "0 registered");
    }

    @Test
    void onceTheClockHasEndedEveryReaderIsToldToStopAfterItsRegistration() throws Exception {
        var live =
                ProbabilitySources.kalshi(
                        "http://127.0.0.1:1/trade-api/v2",
                        List.of(
                                VenueMarketRef.kalshi("KXA-26", "A:yes"),
                                VenueMarketRef.kalshi("KXB-26", "B:yes")),
                        PollSettings.live(Duration.ofSeconds(1)));
        Recording context = new Recording();
        CompletableFuture<Void> clockEnded = new CompletableFuture<>();
        var enumerator =
                new UntilSource.Enumerator<>(live.createEnumerator(context), context, clockEnded);
        enumerator.start();

        enumerator.addReader(1);
        context.registered.add(1);
        clockEnded.complete(null);
        enumerator.addReader(0);

        assertThat(context.sent)
                .containsExactly(
                        "1 split kalshi:KXB-26",
                        "1 registered",
                        "1 stop",
                        "0 split kalshi:KXA-26",
                        "0 registered",
                        "0 stop");
    }

    /** What the enumerator sent to which reader, in order. */
    private static final class Recording implements SplitEnumeratorContext<PollSplit> {
        final List<String> sent = new ArrayList<>();
        final java.util.Set<Integer> registered = new java.util.TreeSet<>();

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            sent.add(
                    subtaskId
                            + (event instanceof UntilSource.Registered
                                    ? " registered"
                                    : event instanceof UntilSource.Stop ? " stop" : " " + event));
        }

        @Override
        public void assignSplits(SplitsAssignment<PollSplit> assignment) {
            assignment
                    .assignment()
                    .forEach(
                            (subtask, splits) ->
                                    splits.forEach(
                                            s -> sent.add(subtask + " split " + s.splitId())));
        }

        @Override
        public int currentParallelism() {
            return 2;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            Map<Integer, ReaderInfo> readers = new java.util.TreeMap<>();
            registered.forEach(r -> readers.put(r, new ReaderInfo(r, "localhost")));
            return readers;
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            sent.add(subtask + " no more splits");
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> void callAsync(
                Callable<T> callable, BiConsumer<T, Throwable> handler, long delay, long period) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }

    /** A live source that never has anything to say. */
    private static final class Silent implements Source<String, PollSplit, PollEnumState> {
        @Override
        public Boundedness getBoundedness() {
            return Boundedness.CONTINUOUS_UNBOUNDED;
        }

        @Override
        public SourceReader<String, PollSplit> createReader(SourceReaderContext context) {
            return new SourceReader<>() {
                @Override
                public void start() {}

                @Override
                public InputStatus pollNext(ReaderOutput<String> output) {
                    return InputStatus.NOTHING_AVAILABLE;
                }

                @Override
                public List<PollSplit> snapshotState(long checkpointId) {
                    return List.of();
                }

                @Override
                public CompletableFuture<Void> isAvailable() {
                    return new CompletableFuture<>();
                }

                @Override
                public void addSplits(List<PollSplit> splits) {}

                @Override
                public void notifyNoMoreSplits() {}

                @Override
                public void close() {}
            };
        }

        @Override
        public SplitEnumerator<PollSplit, PollEnumState> createEnumerator(
                SplitEnumeratorContext<PollSplit> context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SplitEnumerator<PollSplit, PollEnumState> restoreEnumerator(
                SplitEnumeratorContext<PollSplit> context, PollEnumState checkpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SimpleVersionedSerializer<PollSplit> getSplitSerializer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SimpleVersionedSerializer<PollEnumState> getEnumeratorCheckpointSerializer() {
            throw new UnsupportedOperationException();
        }
    }
}
