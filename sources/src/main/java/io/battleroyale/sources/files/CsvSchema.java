package io.battleroyale.sources.files;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.bounds.Sizes;
import io.battleroyale.model.bounds.Symbols;
import io.battleroyale.model.bounds.Texts;
import io.battleroyale.model.bounds.Timestamps;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one data line of a backtest file becomes a record: the required columns (found by header
 * name, so column order is free and extra columns are ignored) and the checks each value must pass.
 * The first failing field, in column order, names the rejection reason.
 */
public abstract class CsvSchema<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Open and close may sit this far (relative) outside [low, high] and are then accepted with the
     * range widened to include them: vendors round adjusted prices independently (the real daily
     * UUP file has an open 0.0001 below its low). Anything further out is refused.
     */
    static final double RANGE_TOLERANCE = 1e-5;

    /** The prices format: {@code timestamp,symbol,open,high,low,close,volume}. */
    public static final CsvSchema<PriceBar> PRICES = new Prices();

    /** The probabilities format: {@code timestamp,venue,market_id,event_key,yes_probability}. */
    public static final CsvSchema<ProbabilityTick> PROBABILITIES = new Probabilities();

    /** Columns the header must name. */
    public abstract List<String> columns();

    /** Parses one line; throws {@link Reject} naming the first bad field. */
    abstract T parse(Fields row) throws Reject;

    /**
     * Parses one record given field by field (e.g. a JSON message's fields as text), with the same
     * checks as a file line; throws {@link Reject} naming the first bad field.
     */
    public T parse(Map<String, String> fields) throws Reject {
        Map<String, Integer> index = new HashMap<>();
        String[] values = new String[fields.size()];
        int i = 0;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            index.put(field.getKey(), i);
            values[i++] = field.getValue();
        }
        return parse(new Fields(index, values));
    }

    /** The record's event time (epoch ms UTC), from its payload. */
    public abstract long eventTime(T value);

    /**
     * The key whose rows must move forward in time within one file ({@code null}: no order is
     * required). A prices row not after its symbol's previous row is refused with its line.
     */
    @javax.annotation.Nullable
    String orderKey(T value) {
        return null;
    }

    /** A refused line: the message is the reason, naming the field. */
    public static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;

        Reject(String field, String problem) {
            super(field + ": " + problem, null, false, false);
        }
    }

    /** Access to one line's fields by column name. */
    static final class Fields {
        private final Map<String, Integer> index;
        private final String[] values;

        Fields(Map<String, Integer> index, String[] values) {
            this.index = index;
            this.values = values;
        }

        String text(String column) throws Reject {
            Integer i = index.get(column);
            if (i == null || i >= values.length) {
                throw new Reject(column, "missing column");
            }
            return values[i].trim();
        }

        String nonEmpty(String column) throws Reject {
            String value = text(column);
            if (value.isEmpty()) {
                throw new Reject(column, "empty");
            }
            return value;
        }

        long longValue(String column) throws Reject {
            String value = text(column);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new Reject(column, "unparsable number '" + Texts.clip(value) + "'");
            }
        }

        /** An event time inside {@link Timestamps}' window, so no time arithmetic overflows. */
        long timestamp(String column) throws Reject {
            long ts = longValue(column);
            if (!Timestamps.inWindow(ts)) {
                throw new Reject(column, ts + " is outside the time window " + Timestamps.window());
            }
            return ts;
        }

        String symbol(String column) throws Reject {
            String value = nonEmpty(column);
            try {
                return Symbols.normalize(column, value);
            } catch (IllegalArgumentException e) {
                throw new Reject(column, e.getMessage().substring(column.length() + 2));
            }
        }

        double finite(String column) throws Reject {
            String value = text(column);
            double parsed;
            try {
                // Double.parseDouble's grammar and rounding, without its allocations
                parsed = JavaDoubleParser.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new Reject(column, "unparsable number '" + Texts.clip(value) + "'");
            }
            if (!Double.isFinite(parsed)) {
                throw new Reject(column, "not a finite number '" + Texts.clip(value) + "'");
            }
            return parsed;
        }

        double price(String column) throws Reject {
            double value = finite(column);
            if (value <= 0) {
                throw new Reject(column, "price must be > 0, was " + value);
            }
            if (value > Sizes.MAX_PRICE) {
                throw new Reject(column, "price must be <= " + Sizes.MAX_PRICE + ", was " + value);
            }
            return value;
        }
    }

    private static final class Prices extends CsvSchema<PriceBar> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return CsvFormats.PRICE_COLUMNS;
        }

        @Override
        PriceBar parse(Fields row) throws Reject {
            long ts = row.timestamp("timestamp");
            String symbol = row.symbol("symbol");
            double open = row.price("open");
            double high = row.price("high");
            double low = row.price("low");
            double close = row.price("close");
            double volume = row.finite("volume");
            if (high < low) {
                throw new Reject("high", high + " is below low " + low);
            }
            checkInRange("open", open, low, high);
            checkInRange("close", close, low, high);
            if (volume < 0) {
                throw new Reject("volume", "negative (" + volume + ")");
            }
            if (volume > Sizes.MAX_VOLUME) {
                throw new Reject("volume", "above " + Sizes.MAX_VOLUME + " (" + volume + ")");
            }
            // widen, never narrow: a hair outside the range was accepted above as rounding
            double lowOut = Math.min(low, Math.min(open, close));
            double highOut = Math.max(high, Math.max(open, close));
            // lengthMs 0: a file does not say its bar length; the join infers it per symbol
            return new PriceBar(symbol, ts, 0L, open, highOut, lowOut, close, volume);
        }

        @Override
        public long eventTime(PriceBar value) {
            return value.tsEvent();
        }

        @Override
        String orderKey(PriceBar value) {
            return value.symbol();
        }

        private static void checkInRange(String field, double value, double low, double high)
                throws Reject {
            if (value < low * (1 - RANGE_TOLERANCE) || value > high * (1 + RANGE_TOLERANCE)) {
                throw new Reject(field, value + " outside [low " + low + ", high " + high + "]");
            }
        }
    }

    private static final class Probabilities extends CsvSchema<ProbabilityTick> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return CsvFormats.PROBABILITY_COLUMNS;
        }

        @Override
        ProbabilityTick parse(Fields row) throws Reject {
            long ts = row.timestamp("timestamp");
            String venue = row.nonEmpty("venue");
            String marketId = row.nonEmpty("market_id");
            String eventKey = row.nonEmpty("event_key");
            double p = row.finite("yes_probability");
            if (p < 0 || p > 1) {
                throw new Reject("yes_probability", "outside [0, 1] (" + p + ")");
            }
            return new ProbabilityTick(venue, marketId, eventKey, ts, p);
        }

        @Override
        public long eventTime(ProbabilityTick value) {
            return value.tsEvent();
        }
    }
}
