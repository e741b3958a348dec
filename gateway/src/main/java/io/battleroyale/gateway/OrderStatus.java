package io.battleroyale.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Life of an order inside the gateway; serialized in lower case, like Alpaca's vocabulary. */
public enum OrderStatus {
    /** Journaled; the route has not answered yet (or answered with a transient error). */
    @JsonProperty("pending")
    PENDING,
    /** The broker took the order; no fill known yet. */
    @JsonProperty("accepted")
    ACCEPTED,
    /** Fully filled; exactly one fill exists for it. */
    @JsonProperty("filled")
    FILLED,
    /** The broker refused it for good (e.g. insufficient buying power). */
    @JsonProperty("rejected")
    REJECTED;

    /** True while the order may still change the position (counts against the position limit). */
    public boolean isOpen() {
        return this == PENDING || this == ACCEPTED;
    }
}
