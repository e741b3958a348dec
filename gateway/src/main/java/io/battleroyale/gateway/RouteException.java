package io.battleroyale.gateway;

/**
 * A route could not get an answer from its broker (network error, 5xx, 429, bad credentials). The
 * order stays pending; a repeat {@code POST} of the same {@code client_order_id} tries again.
 */
public final class RouteException extends Exception {
    private static final long serialVersionUID = 1L;

    public RouteException(String message) {
        super(message);
    }

    public RouteException(String message, Throwable cause) {
        super(message, cause);
    }
}
