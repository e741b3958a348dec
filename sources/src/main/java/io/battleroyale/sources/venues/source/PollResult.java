package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.venues.SkipReason;

import java.util.List;

/**
 * What one poll produced: valid records (any order; the reader sorts by event time) and refused
 * inputs.
 */
public record PollResult<T>(List<T> records, List<Rejection> rejections) {

    public PollResult {
        records = List.copyOf(records);
        rejections = List.copyOf(rejections);
    }

    public static <T> PollResult<T> empty() {
        return new PollResult<>(List.of(), List.of());
    }

    /**
     * An input refused at the boundary.
     *
     * @param reason the counted reason
     * @param detail one line naming the field
     * @param raw the refused text (abbreviated), for the operator
     */
    public record Rejection(SkipReason reason, String detail, String raw) {
        public Rejection {
            raw = raw.length() <= 300 ? raw : raw.substring(0, 300) + "…";
        }
    }
}
