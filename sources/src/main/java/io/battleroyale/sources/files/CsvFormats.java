package io.battleroyale.sources.files;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;

import java.util.List;

/**
 * The backtest file formats (DESIGN.md, "File formats"): header constants and the writer side.
 *
 * <p>Values are written with {@link Double#toString(double)}, the shortest text that parses back to
 * the same double, so a recorded file replays bit for bit. Text fields are written as they are; the
 * formats have no quoting, so a comma or line break in a text field is refused.
 */
public final class CsvFormats {

    /** Required columns of a prices file, in the order {@link #toCsvLine(PriceBar)} writes them. */
    public static final List<String> PRICE_COLUMNS =
            List.of("timestamp", "symbol", "open", "high", "low", "close", "volume");

    /** Required columns of a probabilities file, in written order. */
    public static final List<String> PROBABILITY_COLUMNS =
            List.of("timestamp", "venue", "market_id", "event_key", "yes_probability");

    public static final String PRICES_HEADER = String.join(",", PRICE_COLUMNS);
    public static final String PROBABILITIES_HEADER = String.join(",", PROBABILITY_COLUMNS);

    private CsvFormats() {}

    /** One prices line, without line terminator. {@code lengthMs} is not written. */
    public static String toCsvLine(PriceBar bar) {
        return bar.tsEvent()
                + ","
                + text("symbol", bar.symbol())
                + ","
                + bar.open()
                + ","
                + bar.high()
                + ","
                + bar.low()
                + ","
                + bar.close()
                + ","
                + bar.volume();
    }

    /** One probabilities line, without line terminator. */
    public static String toCsvLine(ProbabilityTick tick) {
        return tick.tsEvent()
                + ","
                + text("venue", tick.venue())
                + ","
                + text("market_id", tick.marketId())
                + ","
                + text("event_key", tick.eventKey())
                + ","
                + tick.yesProbability();
    }

    private static String text(String field, String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            // the formats have no quoting: writing this would produce a file that cannot replay
            throw new IllegalArgumentException(
                    field + " must not contain a comma or line break: '" + value + "'");
        }
        return value;
    }
}
