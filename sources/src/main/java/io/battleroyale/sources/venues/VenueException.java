package io.battleroyale.sources.venues;

import java.io.IOException;

/**
 * A venue call that did not produce a usable answer. The message names the venue, the method and
 * path (never the query's secrets or any header) and the reason, in one line.
 */
public final class VenueException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** Transport failures, timeouts, 429 or 5xx until the retries ran out. */
        UNREACHABLE,
        /** A status the client does not retry (400, 401, 403, 404, 422, …). */
        HTTP_STATUS,
        /** Status 200 but not the venue's API: an HTML page, an empty body, malformed JSON. */
        NOT_API,
        /** JSON that is not shaped like the documented response. */
        UNEXPECTED_SHAPE,
        /** A listing whose pages repeat or whose cursor never ends. */
        PAGING,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final String venue;
    private final String path;
    private final Kind kind;
    private final int status;

    public VenueException(String venue, String path, Kind kind, int status, String reason) {
        super(venue + " " + path + ": " + reason);
        this.venue = venue;
        this.path = path;
        this.kind = kind;
        this.status = status;
    }

    public VenueException(
            String venue, String path, Kind kind, int status, String reason, Throwable cause) {
        this(venue, path, kind, status, reason);
        initCause(cause);
    }

    public String venue() {
        return venue;
    }

    /** Method and path, e.g. {@code GET /trade-api/v2/markets}. */
    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status seen, or {@code 0} when none (transport failure). */
    public int status() {
        return status;
    }
}
