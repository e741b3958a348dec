package io.battleroyale.sources.venues.source;

import io.battleroyale.model.VenueStatus;

import javax.annotation.Nullable;

/**
 * What the fetch thread hands to the task thread: a polled record, or a health transition of the
 * reader. Never serialized (it only crosses the reader's in-memory hand-over queue).
 */
record Polled<T>(@Nullable T record, @Nullable VenueStatus status) {

    static <T> Polled<T> record(T record) {
        return new Polled<>(record, null);
    }

    static <T> Polled<T> status(VenueStatus status) {
        return new Polled<>(null, status);
    }
}
