package io.battleroyale.operators.sinks;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

import javax.annotation.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes records as lines of one file, in event-time order, whatever order they arrive in.
 *
 * <p>Lines wait until the watermark passes their timestamp (at that point nothing earlier can still
 * come) and are then written sorted by timestamp and text. The file is therefore identical for the
 * same input at any parallelism. Run it at parallelism 1: it writes one file.
 *
 * @param <T> the record type
 */
public final class OrderedFileSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String file;
    @Nullable private final String header;
    private final SerializableFunction<T, String> format;

    public OrderedFileSink(
            Path file, @Nullable String header, SerializableFunction<T, String> format) {
        this.file = file.toAbsolutePath().toString();
        this.header = header;
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        boolean restored = context.getRestoredCheckpointId().isPresent();
        return new Writer<>(Paths.get(file), restored ? null : header, restored, format);
    }

    private record Line(long ts, String text) {}

    private static final Comparator<Line> ORDER =
            Comparator.comparingLong(Line::ts).thenComparing(Line::text);

    private static final class Writer<T> implements SinkWriter<T> {
        private final BufferedWriter out;
        private final SerializableFunction<T, String> format;
        private final List<Line> waiting = new ArrayList<>();

        Writer(
                Path file,
                @Nullable String header,
                boolean append,
                SerializableFunction<T, String> format)
                throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out =
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            append
                                    ? StandardOpenOption.APPEND
                                    : StandardOpenOption.TRUNCATE_EXISTING);
            this.format = format;
            if (header != null) {
                out.write(header);
                out.newLine();
            }
        }

        @Override
        public void write(T element, Context context) {
            Long ts = context.timestamp();
            waiting.add(new Line(ts == null ? Long.MIN_VALUE : ts, format.apply(element)));
        }

        @Override
        public void writeWatermark(Watermark watermark) {
            writeUpTo(watermark.getTimestamp());
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (endOfInput) {
                writeUpTo(Long.MAX_VALUE);
            }
            out.flush();
        }

        private void writeUpTo(long watermark) {
            if (waiting.isEmpty()) {
                return;
            }
            List<Line> ready = new ArrayList<>();
            List<Line> later = new ArrayList<>();
            for (Line line : waiting) {
                (line.ts() <= watermark ? ready : later).add(line);
            }
            if (ready.isEmpty()) {
                return;
            }
            ready.sort(ORDER);
            try {
                for (Line line : ready) {
                    out.write(line.text());
                    out.newLine();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            waiting.clear();
            waiting.addAll(later);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
