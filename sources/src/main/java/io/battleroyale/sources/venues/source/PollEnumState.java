package io.battleroyale.sources.venues.source;

import java.util.List;
import java.util.Set;

/**
 * The enumerator's checkpoint.
 *
 * @param pending splits not handed to a reader yet (with their cursors)
 * @param assigned ids of splits already handed out; their cursors live in the readers' state
 */
public record PollEnumState(List<PollSplit> pending, Set<String> assigned) {
    public PollEnumState {
        pending = List.copyOf(pending);
        assigned = Set.copyOf(assigned);
    }
}
