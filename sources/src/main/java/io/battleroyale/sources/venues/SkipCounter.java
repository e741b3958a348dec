package io.battleroyale.sources.venues;

import java.util.EnumMap;
import java.util.Map;

/** Counts skipped markets per reason; thread-safe. */
public final class SkipCounter {

    private final EnumMap<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);

    public synchronized void count(SkipReason reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    public synchronized long get(SkipReason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A snapshot in reason order. */
    public synchronized Map<SkipReason, Long> snapshot() {
        return new EnumMap<>(counts);
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<SkipReason, Long> e : counts.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey().metricName()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
