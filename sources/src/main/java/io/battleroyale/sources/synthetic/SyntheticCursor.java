package io.battleroyale.sources.synthetic;

import javax.annotation.Nullable;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A position in one synthetic series. {@link #position()} counts the bars simulated up to and
 * including the last record returned: it is all a checkpoint needs, since {@link
 * #fastForward(long)} on a fresh cursor re-simulates to the same state.
 */
public abstract class SyntheticCursor<T> implements Iterator<T> {

    @Nullable private T pending;
    private long pendingPosition;
    private long position;

    /** Simulates until the next record (possibly several bars); {@code null} at the end. */
    @Nullable
    protected abstract T advance();

    /** Bars simulated so far, including any look-ahead. */
    protected abstract long barsSimulated();

    /** Event time of a record. */
    protected abstract long timestampOf(T record);

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = advance();
            pendingPosition = barsSimulated();
        }
        return pending != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T out = pending;
        pending = null;
        position = pendingPosition;
        return out;
    }

    /** Event time of the next record; call only when {@link #hasNext()}. */
    public long peekTimestamp() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return timestampOf(pending);
    }

    /** Bars behind the last returned record: the checkpointed position. */
    public long position() {
        return position;
    }

    /** Re-simulates a fresh cursor to a checkpointed position, without emitting. */
    public SyntheticCursor<T> fastForward(long target) {
        if (position != 0 || pending != null) {
            throw new IllegalStateException("fast-forward only a fresh cursor");
        }
        while (position < target && hasNext()) {
            next();
        }
        if (position != target) {
            throw new IllegalStateException(
                    "position " + target + " is not a record boundary (reached " + position + ")");
        }
        return this;
    }
}
