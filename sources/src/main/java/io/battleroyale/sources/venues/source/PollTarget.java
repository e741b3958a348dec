package io.battleroyale.sources.venues.source;

import java.io.Serializable;

/** One thing a polling source reads (a venue market, a price symbol); one split per target. */
public interface PollTarget extends Serializable {

    /** Stable, unique within a source: the split id, kept in checkpoints. */
    String splitId();
}
