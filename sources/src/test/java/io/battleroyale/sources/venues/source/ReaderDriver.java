package io.battleroyale.sources.venues.source;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Drives a {@link SourceReader} directly, the way the source operator does, with bounded waits. */
public final class ReaderDriver<T> implements ReaderOutput<T> {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<T> records = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();

    /** A reader context with unregistered metrics and an empty configuration. */
    public static SourceReaderContext context() {
        return new SourceReaderContext() {
            private final SourceReaderMetricGroup metrics =
                    UnregisteredMetricsGroup.createSourceReaderMetricGroup();

            @Override
            public SourceReaderMetricGroup metricGroup() {
                return metrics;
            }

            @Override
            public Configuration getConfiguration() {
                return new Configuration();
            }

            @Override
            public String getLocalHostName() {
                return "localhost";
            }

            @Override
            public int getIndexOfSubtask() {
                return 0;
            }

            @Override
            public void sendSplitRequest() {}

            @Override
            public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        };
    }

    /** Polls until {@code n} records were emitted in all (or the input ended). */
    public List<T> pollUntil(SourceReader<T, ?> reader, int n) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (records.size() < n) {
            InputStatus status = reader.pollNext(this);
            if (status == InputStatus.END_OF_INPUT) {
                break;
            }
            if (status == InputStatus.NOTHING_AVAILABLE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(
                            "only " + records.size() + " of " + n + " records after " + TIMEOUT);
                }
                try {
                    reader.isAvailable().get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new TimeoutException(
                            "only " + records.size() + " of " + n + " records after " + TIMEOUT);
                }
            }
        }
        return List.copyOf(records);
    }

    /** Polls until the reader reports the end of its input. */
    public List<T> pollToEnd(SourceReader<T, ?> reader) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            InputStatus status = reader.pollNext(this);
            if (status == InputStatus.END_OF_INPUT) {
                return List.copyOf(records);
            }
            if (status == InputStatus.NOTHING_AVAILABLE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("input did not end within " + TIMEOUT);
                }
                reader.isAvailable().get(left, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Polls (and emits whatever arrives) until {@code condition} holds. */
    public void pollWhileNot(SourceReader<T, ?> reader, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("condition not met within " + TIMEOUT);
            }
            InputStatus status = reader.pollNext(this);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                try {
                    reader.isAvailable().get(5, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // check the condition again
                }
            }
        }
    }

    public List<T> records() {
        return List.copyOf(records);
    }

    public List<Long> timestamps() {
        return List.copyOf(timestamps);
    }

    @Override
    public void collect(T record) {
        records.add(record);
        timestamps.add(Long.MIN_VALUE);
    }

    @Override
    public void collect(T record, long timestamp) {
        records.add(record);
        timestamps.add(timestamp);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
        return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
}
