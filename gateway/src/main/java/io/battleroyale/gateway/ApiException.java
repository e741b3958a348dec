package io.battleroyale.gateway;

import javax.annotation.Nullable;

/**
 * A request the gateway refuses, with the HTTP status to answer, the field at fault (if any) and a
 * message for a person. Rendered as {@code {"error": message, "field": field, "status": status}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    @Nullable private final String field;
    @Nullable private final GatewayOrder order;

    public ApiException(int status, @Nullable String field, String message) {
        this(status, field, message, null);
    }

    /** An error about an existing order, which the response body carries as {@code order}. */
    public ApiException(
            int status, @Nullable String field, String message, @Nullable GatewayOrder order) {
        super(message);
        this.status = status;
        this.field = field;
        this.order = order;
    }

    /** 400: the body is not JSON, or a field has the wrong JSON type. */
    static ApiException badRequest(@Nullable String field, String message) {
        return new ApiException(400, field, message);
    }

    /** 422: well-formed, but a value is missing or out of range, or a hard limit is breached. */
    static ApiException unprocessable(@Nullable String field, String message) {
        return new ApiException(422, field, message);
    }

    /** The order the error is about, if any (a clashing repeat, or a pending order). */
    @Nullable
    public GatewayOrder order() {
        return order;
    }

    public int status() {
        return status;
    }

    @Nullable
    public String field() {
        return field;
    }
}
