package io.battleroyale.sources.venues.source;

/** The mutable per-split state of a reader: the cursor, advanced by the emitter. */
final class PollSplitState {

    final String splitId;
    long cursor;

    PollSplitState(PollSplit split) {
        this.splitId = split.splitId();
        this.cursor = split.cursor();
    }

    PollSplit toSplit() {
        return new PollSplit(splitId, cursor);
    }
}
