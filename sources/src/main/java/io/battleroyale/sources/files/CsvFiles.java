package io.battleroyale.sources.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Checks, before a job starts, that an input file is one the replay can read: it exists, is a
 * readable file, decompresses as its name says, is UTF-8 text and starts with the schema's header.
 * A wrong file then fails the command with one line instead of failing the job with a trace.
 */
public final class CsvFiles {

    /** How much of the file's start is looked at. */
    private static final int PEEK = 64 * 1024;

    private CsvFiles() {}

    /**
     * @param option the flag that named the file, e.g. {@code --prices}
     * @throws IllegalArgumentException naming the option, the file and what is wrong with it
     */
    public static void requireUsable(String option, Path file, CsvSchema<?> schema) {
        String where = option + " " + file;
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(where + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": not a regular file (a directory?)");
        }
        byte[] start;
        try (InputStream in = decompressed(file)) {
            start = in.readNBytes(PEEK);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(where + ": cannot be read (permission denied)", e);
        } catch (ZipException e) {
            throw new IllegalArgumentException(
                    where + ": named as compressed but is not (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot be read: " + e.getMessage(), e);
        }
        if (start.length == 0) {
            throw new IllegalArgumentException(where + ": is empty; the first line is the header");
        }
        if (start.length >= 2
                && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
                        || (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE))) {
            throw new IllegalArgumentException(where + ": is UTF-16 text; save it as UTF-8");
        }
        int end = 0;
        while (end < start.length && start[end] != '\n') {
            if (start[end] == 0) {
                throw new IllegalArgumentException(where + ": is binary, not a CSV text file");
            }
            end++;
        }
        String header;
        try {
            header =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(start, 0, end))
                            .toString()
                            .replace("\r", "");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(where + ": line 1 is not UTF-8 text", e);
        }
        try {
            CsvLineFormat.header(where, schema, header);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The file's bytes as Flink's file source decompresses them, by file name. */
    private static InputStream decompressed(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream raw = Files.newInputStream(file);
        try {
            if (name.endsWith(".gz") || name.endsWith(".gzip")) {
                return new GZIPInputStream(raw);
            }
            if (name.endsWith(".deflate")) {
                return new InflaterInputStream(raw);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
