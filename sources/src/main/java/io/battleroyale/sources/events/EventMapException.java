package io.battleroyale.sources.events;

/** An event map that cannot be used; the message names the file, the group and the field. */
public final class EventMapException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public EventMapException(String message) {
        super(message);
    }

    public EventMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
