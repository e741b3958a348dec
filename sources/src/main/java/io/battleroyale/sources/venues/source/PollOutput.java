package io.battleroyale.sources.venues.source;

import io.battleroyale.model.VenueStatus;

import javax.annotation.Nullable;

import java.io.Serializable;

/**
 * What a {@link PollingSource} emits for a polled record and for a health transition of one of its
 * readers. {@link #records()} emits the records as they are and keeps health out of the stream
 * (backtests, {@code record}); a live path that decides on the venue's health downstream maps both
 * into one record type (e.g. {@code VenueUpdate}).
 *
 * @param <X> the polled record
 * @param <T> the emitted record (a record class, never Kryo)
 */
public interface PollOutput<X, T> extends Serializable {

    T record(X record);

    /** The record that carries {@code status}, or {@code null} to emit nothing for it. */
    @Nullable
    T status(VenueStatus status);

    /** The records unchanged; health stays in the reader (logs, the {@code venueUp} gauge). */
    static <X> PollOutput<X, X> records() {
        return new Plain<>();
    }

    /** See {@link #records()}. */
    final class Plain<X> implements PollOutput<X, X> {
        private static final long serialVersionUID = 1L;

        @Override
        public X record(X record) {
            return record;
        }

        @Override
        @Nullable
        public X status(VenueStatus status) {
            return null;
        }
    }
}
