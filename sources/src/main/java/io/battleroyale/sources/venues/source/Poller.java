package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.TimeSource;

import java.io.Serializable;

/**
 * Reads one kind of target from one venue. Created per reader from a serializable {@link Factory}
 * and used only by that reader's fetch thread.
 *
 * @param <R> the target (a market ref, a price symbol)
 * @param <T> the record (a {@code ProbabilityTick}, a {@code PriceBar})
 */
public interface Poller<R extends PollTarget, T> extends AutoCloseable {

    /**
     * Live: the newest observations of {@code target}. Records at or before {@code cursor} may be
     * returned; the reader drops them.
     *
     * @param cursor event time of the last record emitted, or {@link PollSplit#NO_CURSOR}
     */
    PollResult<T> latest(R target, long cursor) throws VenueException;

    /** History: the observations with event time in {@code [fromMs, toMs)}. */
    PollResult<T> history(R target, long fromMs, long toMs) throws VenueException;

    /** The longest window one {@link #history} call may cover. */
    long historyWindowMs(R target);

    @Override
    default void close() {}

    /** Builds a poller on the task manager (HTTP clients are not serializable). */
    @FunctionalInterface
    interface Factory<R extends PollTarget, T> extends Serializable {
        Poller<R, T> create(TimeSource time);
    }
}
