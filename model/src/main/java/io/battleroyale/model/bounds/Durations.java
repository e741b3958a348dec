package io.battleroyale.model.bounds;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of every flag and limit: one or more {@code <digits><unit>} parts with
 * units {@code ms s m h d} (any case, {@code _} allowed between digits), e.g. {@code 500ms}, {@code
 * 30s}, {@code 6h30m}, {@code 1d}; at most {@link Timestamps#MAX_SPAN_MS}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d[\\d_]*)(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @param field the flag or key being read, named in the error
     * @throws IllegalArgumentException naming {@code field} for anything else
     */
    public static Duration parse(String field, String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(v);
        long totalMs = 0;
        int end = 0;
        try {
            while (end < v.length() && m.find(end) && m.start() == end) {
                long n = Long.parseLong(m.group(1).replace("_", ""));
                long unit =
                        switch (m.group(2)) {
                            case "ms" -> 1L;
                            case "s" -> 1_000L;
                            case "m" -> 60_000L;
                            case "h" -> 3_600_000L;
                            default -> 86_400_000L;
                        };
                totalMs = Math.addExact(totalMs, Math.multiplyExact(n, unit));
                end = m.end();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw tooLong(field, text);
        }
        if (end == 0 || end != v.length()) {
            throw new IllegalArgumentException(
                    field
                            + ": '"
                            + Texts.clip(text)
                            + "' is not a duration (examples: 500ms, 30s, 15m, 6h30m, 1d)");
        }
        if (totalMs > Timestamps.MAX_SPAN_MS) {
            throw tooLong(field, text);
        }
        return Duration.ofMillis(totalMs);
    }

    /** {@code d} in the largest exact unit, as {@link #parse} reads it back. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    private static IllegalArgumentException tooLong(String field, String text) {
        return new IllegalArgumentException(
                field + ": '" + Texts.clip(text) + "' is longer than 100 years");
    }
}
