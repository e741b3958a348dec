package io.battleroyale.sources.venues.source;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A split of a polling source: one configured target and its cursor.
 *
 * @param splitId the target's {@link PollTarget#splitId()}
 * @param cursor event time (epoch ms) of the last record emitted for this split, or {@link
 *     #NO_CURSOR} when none was; only records strictly newer are emitted
 */
public record PollSplit(String splitId, long cursor) implements SourceSplit {

    /** Nothing emitted yet. */
    public static final long NO_CURSOR = Long.MIN_VALUE;

    public PollSplit {
        if (splitId == null || splitId.isEmpty()) {
            throw new IllegalArgumentException("split id must not be empty");
        }
    }
}
