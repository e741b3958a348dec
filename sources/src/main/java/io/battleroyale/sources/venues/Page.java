package io.battleroyale.sources.venues;

import javax.annotation.Nullable;

import java.util.List;

/**
 * One page of a venue listing.
 *
 * @param items the page's elements as sent (not yet validated)
 * @param nextCursor the cursor of the next page, {@code null} on the last page (the venue's {@code
 *     null}, {@code ""} and an absent field all mean the end)
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    public Page {
        items = List.copyOf(items);
        if (nextCursor != null && nextCursor.isBlank()) {
            nextCursor = null;
        }
    }
}
