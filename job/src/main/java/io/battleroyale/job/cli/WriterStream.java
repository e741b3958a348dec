package io.battleroyale.job.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} that forwards to picocli's {@link PrintWriter} (so commands written against
 * streams print where the command line, and in-process tests, capture output). Text is decoded as
 * UTF-8 on every flush; the stream flushes on each line.
 */
final class WriterStream extends ByteArrayOutputStream {
    private final PrintWriter writer;

    private WriterStream(PrintWriter writer) {
        this.writer = writer;
    }

    static PrintStream of(PrintWriter writer) {
        return new PrintStream(new WriterStream(writer), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void flush() {
        if (count > 0) {
            writer.write(toString(StandardCharsets.UTF_8));
            reset();
        }
        writer.flush();
    }
}
