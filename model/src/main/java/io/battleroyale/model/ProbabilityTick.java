package io.battleroyale.model;

import java.io.Serializable;

/**
 * One observation of a prediction market's yes probability.
 *
 * @param venue {@code kalshi}, {@code polymarket}, {@code synthetic}, or as recorded
 * @param marketId the venue's market id (Kalshi ticker, Polymarket slug or token id)
 * @param eventKey the event the market prices, e.g. {@code fed_hike} or {@code FOMC-2025-12:hold}
 * @param tsEvent when the venue observed this probability
 * @param yesProbability in [0, 1]
 */
public record ProbabilityTick(
        String venue, String marketId, String eventKey, long tsEvent, double yesProbability)
        implements Serializable {}
