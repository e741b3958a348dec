package io.battleroyale.gateway;

/** Receives order, fill and position events as they happen, in the order they happened. */
interface EventSink {
    /**
     * Called with the gateway's book lock held: must not block.
     *
     * @param type {@code order}, {@code fill} or {@code position}
     */
    void publish(String type, Object data);
}
