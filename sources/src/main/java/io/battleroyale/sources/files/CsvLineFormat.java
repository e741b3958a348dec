package io.battleroyale.sources.files;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import io.battleroyale.model.RejectedInput;
import io.battleroyale.model.bounds.Texts;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SimpleStreamFormat} for the backtest CSV files: reads the header (required), maps the
 * schema's columns by name and turns every following non-blank line into a {@link CsvRow} that
 * carries its 1-based line number.
 *
 * <p>The format is not splittable, so one reader sees the whole file in order and line numbers are
 * exact; on restore Flink re-reads from the start and skips the rows already emitted, which
 * recounts the lines the same way. Compressed files ({@code .gz}, ...) are decompressed by the file
 * source from the file name before this format sees the bytes. A file without a usable header fails
 * the job: a wrong file is not a bad row.
 */
public final class CsvLineFormat<T> extends SimpleStreamFormat<CsvRow<T>> {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final CsvSchema<T> schema;
    private final TypeInformation<CsvRow<T>> producedType;

    /**
     * @param origin the file as named in rejections
     */
    public CsvLineFormat(
            String origin, CsvSchema<T> schema, TypeInformation<CsvRow<T>> producedType) {
        this.origin = origin;
        this.schema = schema;
        this.producedType = producedType;
    }

    @Override
    public StreamFormat.Reader<CsvRow<T>> createReader(
            Configuration config, FSDataInputStream stream) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new LineReader<>(origin, schema, reader, header(origin, schema, reader.readLine()));
    }

    /**
     * Reads a whole small file outside Flink (e.g. a stress scenario's probability path), with the
     * same header check, line numbers and refusals as the file source.
     */
    public static <T> List<CsvRow<T>> readAll(
            String origin, CsvSchema<T> schema, java.io.Reader input) throws IOException {
        BufferedReader reader = new BufferedReader(input);
        LineReader<T> lines =
                new LineReader<>(origin, schema, reader, header(origin, schema, reader.readLine()));
        List<CsvRow<T>> rows = new ArrayList<>();
        for (CsvRow<T> row = lines.read(); row != null; row = lines.read()) {
            rows.add(row);
        }
        return rows;
    }

    @Override
    public TypeInformation<CsvRow<T>> getProducedType() {
        return producedType;
    }

    /**
     * The column index of a header line, checked against the schema's required columns.
     *
     * @throws IOException naming {@code origin} when the header is missing or lacks a column
     */
    static Map<String, Integer> header(String origin, CsvSchema<?> schema, @Nullable String line)
            throws IOException {
        String header = line;
        if (header == null || header.isBlank()) {
            throw new IOException(origin + ": line 1: header required, file is empty");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1); // a UTF-8 byte order mark from spreadsheet exports
        }
        String[] names = header.split(",", -1);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.putIfAbsent(names[i].trim(), i);
        }
        List<String> missing =
                schema.columns().stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IOException(
                    origin
                            + ": line 1: header lacks column(s) "
                            + missing
                            + "; expected "
                            + String.join(",", schema.columns())
                            + ", got '"
                            + Texts.clip(header)
                            + "'");
        }
        return index;
    }

    private static final class LineReader<T> implements StreamFormat.Reader<CsvRow<T>> {
        private final String origin;
        private final CsvSchema<T> schema;
        private final BufferedReader reader;
        private final Map<String, Integer> index;
        private final RowOrder<T> order;
        private long line = 1; // the header

        LineReader(
                String origin,
                CsvSchema<T> schema,
                BufferedReader reader,
                Map<String, Integer> index) {
            this.origin = origin;
            this.schema = schema;
            this.reader = reader;
            this.index = index;
            this.order = new RowOrder<>(schema);
        }

        @Override
        @Nullable
        public CsvRow<T> read() throws IOException {
            String text;
            do {
                text = reader.readLine();
                line++;
                // blank lines carry nothing to refuse (e.g. a trailing empty line); skip them
            } while (text != null && text.isBlank());
            if (text == null) {
                return null;
            }
            try {
                T value = schema.parse(new CsvSchema.Fields(index, text.split(",", -1)));
                String outOfOrder = order.check(value);
                return outOfOrder == null
                        ? CsvRow.accepted(line, value)
                        : refused(outOfOrder, text);
            } catch (CsvSchema.Reject reject) {
                return refused(reject.getMessage(), text);
            }
        }

        private CsvRow<T> refused(String reason, String text) {
            return CsvRow.refused(new RejectedInput(origin, line, reason, Texts.clip(text)));
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
