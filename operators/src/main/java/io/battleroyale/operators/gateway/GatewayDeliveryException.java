package io.battleroyale.operators.gateway;

import java.io.IOException;

/**
 * An order the gateway did not acknowledge and will not: refused for good (4xx other than 408 and
 * 429, or 409 with a different order under the same id), or still failing after every attempt.
 * Thrown from {@code write} or {@code flush}, it fails the Flink job.
 */
public final class GatewayDeliveryException extends IOException {
    private static final long serialVersionUID = 1L;

    public GatewayDeliveryException(String message) {
        super(message);
    }
}
