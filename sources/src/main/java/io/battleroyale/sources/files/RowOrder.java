package io.battleroyale.sources.files;

import javax.annotation.Nullable;

import java.util.HashMap;
import java.util.Map;

/**
 * Within one file (or one Kafka partition), each key's rows move forward in time. Checked where
 * they are read, where the file and line (topic, partition and offset) are known, rather than
 * downstream where only the record is. A file reader rebuilds it on restore by re-reading the file
 * from its start; a Kafka reader starts it afresh, and the join still refuses what it misses.
 */
public final class RowOrder<T> {
    private final CsvSchema<T> schema;
    private final Map<String, Long> last = new HashMap<>();

    public RowOrder(CsvSchema<T> schema) {
        this.schema = schema;
    }

    /** {@code null} if {@code value} may follow the rows before it, else the reason it may not. */
    @Nullable
    public String check(T value) {
        String key = schema.orderKey(value);
        if (key == null) {
            return null;
        }
        long ts = schema.eventTime(value);
        Long previous = last.get(key);
        if (previous != null && ts <= previous) {
            return "timestamp: "
                    + ts
                    + " of "
                    + key
                    + " is not after its previous bar at "
                    + previous;
        }
        last.put(key, ts);
        return null;
    }
}
