package io.battleroyale.sources.venues;

import io.battleroyale.sources.venues.VenueException.Kind;

import javax.annotation.Nullable;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a cursor-paged listing to its end, guarding against venues that loop: a cursor that comes
 * back, a page whose items were all seen before, and more pages than {@code maxPages} each end the
 * listing with a {@link Kind#PAGING} error (after the items already delivered).
 */
public final class Pager {

    /** Fetches the page after {@code cursor} ({@code null} for the first page). */
    @FunctionalInterface
    public interface Fetch<T> {
        Page<T> fetch(@Nullable String cursor) throws VenueException;
    }

    /** Receives items; returns {@code false} to stop early (e.g. a {@code --limit} was reached). */
    @FunctionalInterface
    public interface Sink<T> {
        boolean accept(T item) throws VenueException;
    }

    /** Extracts an item's identity for repeat detection; {@code null} when it has none. */
    @FunctionalInterface
    public interface Identity<T> {
        @Nullable
        String idOf(T item);
    }

    private Pager() {}

    /**
     * Delivers every item of every page to {@code sink}.
     *
     * @return the number of pages fetched
     */
    public static <T> int followAll(
            String venue,
            String path,
            int maxPages,
            Fetch<T> fetch,
            Identity<T> identity,
            Sink<T> sink)
            throws VenueException {
        Set<String> seenCursors = new HashSet<>();
        Set<String> seenIds = new HashSet<>();
        String cursor = null;
        int pages = 0;
        while (true) {
            if (pages >= maxPages) {
                throw new VenueException(
                        venue,
                        path,
                        Kind.PAGING,
                        200,
                        "listing still had a next cursor after "
                                + maxPages
                                + " pages; stopped (cursor never ends?)");
            }
            Page<T> page = fetch.fetch(cursor);
            pages++;
            List<T> items = page.items();
            boolean anyNew = items.isEmpty();
            for (T item : items) {
                String id = identity.idOf(item);
                if (id == null || seenIds.add(id)) {
                    anyNew = true;
                }
            }
            if (!anyNew) {
                throw new VenueException(
                        venue,
                        path,
                        Kind.PAGING,
                        200,
                        "page "
                                + pages
                                + " repeats items already listed; stopped (is the cursor being"
                                + " ignored?)");
            }
            for (T item : items) {
                if (!sink.accept(item)) {
                    return pages;
                }
            }
            String next = page.nextCursor();
            if (next == null) {
                return pages;
            }
            if (!seenCursors.add(next)) {
                throw new VenueException(
                        venue,
                        path,
                        Kind.PAGING,
                        200,
                        "cursor '"
                                + abbreviate(next)
                                + "' came back after page "
                                + pages
                                + "; stopped (pages repeat)");
            }
            cursor = next;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
