package io.battleroyale.operators.sinks;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableFunction;

import javax.annotation.Nullable;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Writes records as lines of one file, in event-time order, whatever order they arrive in.
 *
 * <p>Lines wait until the watermark passes their timestamp (at that point nothing earlier can still
 * come) and are then written sorted by timestamp and text. The file is therefore identical for the
 * same input at any parallelism. Run it at parallelism 1: it writes one file.
 *
 * <p>Exactly once across restores: a checkpoint stores the file's length and the lines still
 * waiting for the watermark. A restore cuts the file back to that length (dropping lines written
 * after the checkpoint, which the replay writes again) and takes the waiting lines back, so a
 * restored run's file equals a failure-free run's. A fresh start truncates the file.
 *
 * @param <T> the record type
 */
public final class OrderedFileSink<T>
        implements Sink<T>, SupportsWriterState<T, OrderedFileSink.Checkpoint> {
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
    public StatefulSinkWriter<T, Checkpoint> createWriter(WriterInitContext context)
            throws IOException {
        return new Writer<>(Paths.get(file), header, null, format);
    }

    @Override
    public StatefulSinkWriter<T, Checkpoint> restoreWriter(
            WriterInitContext context, Collection<Checkpoint> recoveredState) throws IOException {
        Checkpoint merged = null;
        for (Checkpoint c : recoveredState) {
            // one writer (parallelism 1) writes the file: at most one state
            merged = c;
        }
        if (merged == null) {
            // state of an older version of this sink: append, as it did
            return new Writer<>(Paths.get(file), null, new Checkpoint(-1, List.of()), format);
        }
        return new Writer<>(Paths.get(file), null, merged, format);
    }

    @Override
    public SimpleVersionedSerializer<Checkpoint> getWriterStateSerializer() {
        return new CheckpointSerializer();
    }

    private record Line(long ts, String text) {}

    /**
     * What a checkpoint remembers.
     *
     * @param length the file's length at the checkpoint; {@code -1}: unknown, append
     * @param waiting lines not yet written, waiting for the watermark
     */
    public record Checkpoint(long length, List<Line> waiting) {}

    private static final class CheckpointSerializer
            implements SimpleVersionedSerializer<Checkpoint> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Checkpoint c) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(c.length());
                out.writeInt(c.waiting().size());
                for (Line line : c.waiting()) {
                    out.writeLong(line.ts());
                    byte[] text = line.text().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public Checkpoint deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown OrderedFileSink state version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                long length = in.readLong();
                int n = in.readInt();
                List<Line> waiting = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    long ts = in.readLong();
                    byte[] text = new byte[in.readInt()];
                    in.readFully(text);
                    waiting.add(new Line(ts, new String(text, StandardCharsets.UTF_8)));
                }
                return new Checkpoint(length, waiting);
            }
        }
    }

    private static final Comparator<Line> ORDER =
            Comparator.comparingLong(Line::ts).thenComparing(Line::text);

    private static final class Writer<T> implements StatefulSinkWriter<T, Checkpoint> {
        private final Path file;
        private final BufferedWriter out;
        private final SerializableFunction<T, String> format;
        private final List<Line> waiting = new ArrayList<>();

        /**
         * @param restored {@code null}: a fresh start (truncate, write the header); else cut the
         *     file back to the checkpoint's length and take its waiting lines back
         */
        Writer(
                Path file,
                @Nullable String header,
                @Nullable Checkpoint restored,
                SerializableFunction<T, String> format)
                throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.file = file;
            boolean append = restored != null;
            if (restored != null && restored.length() >= 0 && Files.exists(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    if (channel.size() > restored.length()) {
                        channel.truncate(restored.length());
                    }
                }
            }
            if (restored != null) {
                waiting.addAll(restored.waiting());
            }
            this.out =
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
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
        public List<Checkpoint> snapshotState(long checkpointId) throws IOException {
            out.flush();
            return List.of(new Checkpoint(Files.size(file), List.copyOf(waiting)));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
