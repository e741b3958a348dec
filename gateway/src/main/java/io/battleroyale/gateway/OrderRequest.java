package io.battleroyale.gateway;

import io.battleroyale.model.Side;

import javax.annotation.Nullable;

/** A validated {@code POST /v1/orders} body. Build it with {@link OrderParser}. */
public record OrderRequest(
        String clientOrderId,
        String agent,
        String symbol,
        Side side,
        double quantity,
        @Nullable Double referencePrice,
        long ts) {}
