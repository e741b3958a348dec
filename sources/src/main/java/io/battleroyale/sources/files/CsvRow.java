package io.battleroyale.sources.files;

import io.battleroyale.model.RejectedInput;

import javax.annotation.Nullable;

/**
 * One data line of a CSV file: exactly one of {@code value} (the parsed record) and {@code
 * rejected} (why the line was refused) is set.
 *
 * @param line 1-based line number in the file (the header is line 1)
 */
public record CsvRow<T>(long line, @Nullable T value, @Nullable RejectedInput rejected) {

    public static <T> CsvRow<T> accepted(long line, T value) {
        return new CsvRow<>(line, value, null);
    }

    public static <T> CsvRow<T> refused(RejectedInput rejected) {
        return new CsvRow<>(rejected.line(), null, rejected);
    }

    public boolean isAccepted() {
        return value != null;
    }
}
